using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Filelists;

namespace Hdl.Workspace;

/// <summary>
/// The neutral inputs of a run: source files, include directories and defines, gathered from the command line and
/// filelists. Library files (`-v`) are sources; library folders (`-y`) are kept for elaboration, not parsed.
/// </summary>
public sealed record SourceInputs(
    ImmutableArray<string> Files,
    ImmutableArray<string> IncludeDirectories,
    ImmutableArray<MacroDefine> Defines,
    ImmutableArray<string> LibraryDirectories)
{
    public static readonly SourceInputs Empty = new([], [], [], []);

    public SourceInputs Add(Filelist filelist)
    {
        ArgumentNullException.ThrowIfNull(filelist);
        return new SourceInputs(
            Files.AddRange(filelist.Files).AddRange(filelist.LibraryFiles),
            IncludeDirectories.AddRange(filelist.IncludeDirectories),
            Defines.AddRange(filelist.Defines),
            LibraryDirectories.AddRange(filelist.LibraryDirectories));
    }

    /// <summary>Files in first-seen order with repeats removed: a file named twice is parsed once.</summary>
    public ImmutableArray<string> DistinctFiles()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = ImmutableArray.CreateBuilder<string>(Files.Length);
        foreach (var file in Files)
        {
            if (seen.Add(FilelistReader.NormalizePath(file)))
            {
                distinct.Add(file);
            }
        }

        return distinct.ToImmutable();
    }
}
