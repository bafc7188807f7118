using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;

namespace Hdl.Workspace.Filelists;

/// <summary>A problem found while reading a filelist, at the line of the filelist that caused it.</summary>
public sealed record FilelistWarning(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: warning: {Message}";
}

/// <summary>
/// The neutral inputs a simulator filelist (`.f`) describes, in the order they appear (STYLE §2: build-tool
/// specifics become neutral inputs on entry). Paths are resolved against the folder each option is relative to.
/// </summary>
public sealed record Filelist(
    ImmutableArray<string> Files,
    ImmutableArray<string> IncludeDirectories,
    ImmutableArray<MacroDefine> Defines,
    ImmutableArray<string> LibraryDirectories,
    ImmutableArray<string> LibraryExtensions,
    ImmutableArray<string> LibraryFiles,
    ImmutableArray<FilelistWarning> Warnings)
{
    public static readonly Filelist Empty = new([], [], [], [], [], [], []);
}

/// <summary>
/// What the pure <see cref="FilelistReader"/> needs from outside: a way to read nested filelists (null when the
/// file cannot be read), the environment used for `$VAR` expansion, and the current directory that `-f` paths and
/// paths inside a top-level filelist are relative to (verilator's rule).
/// </summary>
public sealed record FilelistContext(
    Func<string, string?> ReadNestedFile,
    IReadOnlyDictionary<string, string> Environment,
    string CurrentDirectory)
{
    /// <summary>Nested `-f`/`-F` beyond this depth are reported and not followed.</summary>
    public int MaxNestingDepth { get; init; } = 32;
}
