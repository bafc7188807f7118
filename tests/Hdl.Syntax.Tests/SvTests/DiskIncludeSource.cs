using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests.SvTests;

/// <summary>
/// Resolves `include from disk for tests that run real suites: the including file's folder first, then the
/// include directories in order (IEEE 1800-2017 §22.4 leaves the search order to the tool; this is the usual one).
/// </summary>
internal sealed class DiskIncludeSource : IIncludeSource
{
    public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories)
    {
        if (Path.IsPathRooted(includeName))
        {
            return Read(includeName);
        }

        var including = Path.GetDirectoryName(includingFilePath);
        if (!string.IsNullOrEmpty(including) && Read(Path.Combine(including, includeName)) is { } besideIncluder)
        {
            return besideIncluder;
        }

        foreach (var directory in includeDirectories)
        {
            if (Read(Path.Combine(directory, includeName)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static SourceText? Read(string path) =>
        File.Exists(path) ? SourceText.From(Path.GetFullPath(path), File.ReadAllText(path)) : null;
}
