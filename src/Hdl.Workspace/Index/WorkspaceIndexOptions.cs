using System.Collections.Immutable;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;

namespace Hdl.Workspace.Index;

/// <summary>What the index parses with. Everything has a default, so a folder indexes with no configuration.</summary>
public sealed record WorkspaceIndexOptions
{
    public static readonly WorkspaceIndexOptions Default = new();

    /// <summary>Include directories and defines for Verilog/SystemVerilog files.</summary>
    public PreprocessorOptions Preprocessor { get; init; } = PreprocessorOptions.Default;

    public LanguageVersion VhdlVersion { get; init; } = LanguageVersion.Vhdl2008;

    /// <summary>VHDL library of a file by its path; files not listed compile into <see cref="DefaultVhdlLibrary"/>.</summary>
    public ImmutableDictionary<string, string> VhdlLibraryByPath { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string DefaultVhdlLibrary { get; init; } = "work";

    /// <summary>Files analysed at once; the host passes the processor count (the workspace does not read the machine).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// After analysing at least this many files at once, one compacting collection hands the memory of their syntax
    /// trees back to the system (0: never). Trees die after the model is built, but parsing a large file takes long
    /// enough for its tree to reach the oldest generation, so a cold index of a large repository leaves the heap
    /// several hundred megabytes above what it holds, and everything built after it (save, bindings, graph) would
    /// grow from there (opentitan/hw: bench/index/results.md).
    /// </summary>
    public int CompactHeapAfterFiles { get; init; } = 1000;

    /// <summary>What the parser needs of these options.</summary>
    internal ParseOptions ParseOptions => new() { Preprocessor = Preprocessor, VhdlVersion = VhdlVersion };

    internal string VhdlLibraryOf(string path) => VhdlLibraryByPath.TryGetValue(path, out var library) ? library : DefaultVhdlLibrary;
}

/// <summary>Progress of a build: files done out of the total, for a progress line.</summary>
public readonly record struct IndexProgress(int FilesDone, int FileCount, string? CurrentPath);
