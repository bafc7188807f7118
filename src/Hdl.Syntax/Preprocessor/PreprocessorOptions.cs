using System.Collections.Immutable;

namespace Hdl.Syntax.Preprocessor;

/// <summary>A macro defined from outside the source (`-D NAME=VALUE`, `+define+`); Value null means defined empty.</summary>
public sealed record MacroDefine(string Name, string? Value);

/// <summary>What the Verilog/SystemVerilog preprocessor needs besides the text itself.</summary>
public sealed record PreprocessorOptions
{
    public static readonly PreprocessorOptions Default = new();

    /// <summary>Searched in order after the including file's own folder.</summary>
    public ImmutableArray<string> IncludeDirectories { get; init; } = [];

    public ImmutableArray<MacroDefine> Defines { get; init; } = [];

    /// <summary>Overrides the version implied by the file extension (.v: 1364-2005, .sv: 1800-2017).</summary>
    public LanguageVersion? Version { get; init; }

    /// <summary>Nested includes beyond this depth are reported and not followed.</summary>
    public int MaxIncludeDepth { get; init; } = 64;

    /// <summary>Macro uses nested inside macro expansions beyond this depth are reported and not expanded.</summary>
    public int MaxMacroDepth { get; init; } = 256;

    /// <summary>
    /// Tokens all macro expansions of one file may produce; past it macro uses are reported and not expanded
    /// (non-recursive macros can still grow exponentially, and no input may hang the preprocessor).
    /// </summary>
    public long MaxExpandedTokens { get; init; } = 20_000_000;
}

/// <summary>
/// Finds included files. The syntax layer does no IO, so the workspace or a host supplies this; it answers the
/// resolved file's text, or null when no candidate exists.
/// </summary>
public interface IIncludeSource
{
    /// <param name="includeName">The name between quotes or angle brackets.</param>
    /// <param name="includingFilePath">The path of the file containing the `include (searched first).</param>
    /// <param name="includeDirectories">Searched in order after the including file's folder.</param>
    Text.SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories);
}
