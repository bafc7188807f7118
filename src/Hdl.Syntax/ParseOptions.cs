using Hdl.Syntax.Preprocessor;

namespace Hdl.Syntax;

/// <summary>How to parse one file. Everything has a default; the language comes from the extension unless set.</summary>
public sealed record ParseOptions
{
    public static readonly ParseOptions Default = new();

    public HdlLanguage? Language { get; init; }

    public PreprocessorOptions Preprocessor { get; init; } = PreprocessorOptions.Default;

    /// <summary>VHDL edition: <see cref="LanguageVersion.Vhdl2008"/> (default) or <see cref="LanguageVersion.Vhdl1993"/>.</summary>
    public LanguageVersion VhdlVersion { get; init; } = LanguageVersion.Vhdl2008;
}
