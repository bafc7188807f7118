using Antlr4.Runtime;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Verilog;

/// <summary>Verilog and SystemVerilog: preprocess on tokens, then parse the result.</summary>
internal static class SystemVerilogParsing
{
    public static SyntaxTree Parse(SourceText text, HdlLanguage language, ParseOptions options, IIncludeSource? includes, CancellationToken cancellationToken)
    {
        var version = options.Preprocessor.Version ?? HdlLanguages.DefaultVersion(language);
        var preprocessed = SvPreprocessor.Run(text, version, options.Preprocessor, includes, cancellationToken);
        var (root, parseDiagnostics) = TwoStageParse.Run(
            preprocessed.Tokens.ConvertAll(static token => (IToken)token),
            static stream => new SystemVerilogParser(stream),
            static parser => parser.source_text(),
            text,
            cancellationToken);
        return new SyntaxTree(
            text,
            language,
            version,
            root,
            SystemVerilogParser.DefaultVocabulary,
            SystemVerilogParser.ruleNames,
            preprocessed.Tokens,
            preprocessed.Comments,
            preprocessed.Diagnostics.AddRange(parseDiagnostics),
            preprocessed.Facts,
            preprocessed.IncludeSites);
    }
}
