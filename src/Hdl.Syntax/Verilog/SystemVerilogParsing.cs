using System.Collections.Frozen;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Verilog;

/// <summary>Verilog and SystemVerilog: preprocess on tokens, then parse the result.</summary>
internal static class SystemVerilogParsing
{
    /// <summary>Keywords that open or close a design element or a block; recovery keeps them.</summary>
    private static readonly FrozenSet<int> RecoveryAnchors = FrozenSet.ToFrozenSet(
    [
        SystemVerilogLexer.MODULE, SystemVerilogLexer.ENDMODULE, SystemVerilogLexer.INTERFACE, SystemVerilogLexer.ENDINTERFACE,
        SystemVerilogLexer.PACKAGE, SystemVerilogLexer.ENDPACKAGE, SystemVerilogLexer.PROGRAM, SystemVerilogLexer.ENDPROGRAM,
        SystemVerilogLexer.CLASS, SystemVerilogLexer.ENDCLASS, SystemVerilogLexer.FUNCTION, SystemVerilogLexer.ENDFUNCTION,
        SystemVerilogLexer.TASK, SystemVerilogLexer.ENDTASK, SystemVerilogLexer.BEGIN, SystemVerilogLexer.END,
        SystemVerilogLexer.ENDCASE, SystemVerilogLexer.ENDGENERATE, SystemVerilogLexer.ALWAYS, SystemVerilogLexer.ALWAYS_FF,
        SystemVerilogLexer.ALWAYS_COMB, SystemVerilogLexer.ALWAYS_LATCH, SystemVerilogLexer.INITIAL, SystemVerilogLexer.ASSIGN,
    ]);

    public static SyntaxTree Parse(SourceText text, HdlLanguage language, ParseOptions options, IIncludeSource? includes, CancellationToken cancellationToken)
    {
        var version = options.Preprocessor.Version ?? HdlLanguages.DefaultVersion(language);
        var preprocessed = SvPreprocessor.Run(text, version, options.Preprocessor, includes, cancellationToken);
        var (root, parseDiagnostics) = TwoStageParse.Run(
            preprocessed.Tokens,
            SystemVerilogParser.WithShortcuts,
            static parser => parser.source_text(),
            RecoveryAnchors,
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
