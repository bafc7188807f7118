using Hdl.Syntax.Text;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// The Verilog/SystemVerilog preprocessor (IEEE 1800-2017 §22). It works on the lexer's token stream, so
/// every token it hands the parser keeps its file, position and, for macro output, its expansion chain.
/// </summary>
internal static class SvPreprocessor
{
    public static PreprocessorOutput Run(SourceText text, LanguageVersion version, PreprocessorOptions options, IIncludeSource? includes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return new PreprocessorRun(text, version, options, includes, cancellationToken).Execute();
    }
}
