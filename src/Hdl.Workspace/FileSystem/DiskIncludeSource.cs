using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Workspace.FileSystem;

/// <summary>
/// Resolves `include files on disk: the including file's folder first, then the include directories in order
/// (the rule of every Verilog tool). Contents are cached per instance, so a header included by hundreds of files is
/// read once; one instance is shared by the parallel parses of a batch, hence the concurrent maps.
/// </summary>
public sealed class DiskIncludeSource : IIncludeSource
{
    private readonly ConcurrentDictionary<string, SourceText?> _contentsByPath = new(StringComparer.Ordinal);

    public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories)
    {
        ArgumentNullException.ThrowIfNull(includeName);
        ArgumentNullException.ThrowIfNull(includingFilePath);
        if (includeName.Length == 0)
        {
            return null;
        }

        if (Path.IsPathRooted(includeName))
        {
            return Load(Path.GetFullPath(includeName));
        }

        var includingFolder = Path.GetDirectoryName(includingFilePath);
        var found = Load(Path.GetFullPath(Path.Join(string.IsNullOrEmpty(includingFolder) ? "." : includingFolder, includeName)));
        if (found is not null)
        {
            return found;
        }

        foreach (var directory in includeDirectories.IsDefault ? [] : includeDirectories)
        {
            found = Load(Path.GetFullPath(Path.Join(directory, includeName)));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private SourceText? Load(string fullPath) =>
        _contentsByPath.GetOrAdd(fullPath, static path =>
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                return DiskSourceFileReader.Decode(path, File.ReadAllBytes(path)).Text;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable header is reported by the preprocessor like a missing one.
                return null;
            }
        });
}
