using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// PLACEHOLDER until the token-stream preprocessor lands: lexes the file, applies the keyword set,
/// reports lexical errors, drops compiler-directive lines and passes macro uses through as DIRECTIVE tokens.
/// </summary>
internal static class SvPreprocessor
{
    public static PreprocessorOutput Run(SourceText text, LanguageVersion version, PreprocessorOptions options, IIncludeSource? includes, CancellationToken cancellationToken)
    {
        var all = SystemVerilogLexing.Lex(text, cancellationToken);
        var tokens = new List<HdlToken>(all.Count);
        var comments = new List<HdlToken>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var skipLine = false;
        foreach (var token in all)
        {
            switch (token.Type)
            {
                case SystemVerilogLexer.NEWLINE:
                    skipLine = false;
                    continue;
                case SystemVerilogLexer.BLOCK_COMMENT or SystemVerilogLexer.LINE_COMMENT:
                    comments.Add(token);
                    continue;
                case SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT:
                    comments.Add(token);
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnterminatedComment, text.GetLocation(token.Span)));
                    continue;
                case SystemVerilogLexer.ERROR_CHAR:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnexpectedCharacter, text.GetLocation(token.Span), token.Text));
                    continue;
                case SystemVerilogLexer.DIRECTIVE when token.Text is "`timescale" or "`define" or "`include" or "`ifdef" or "`ifndef" or "`else" or "`elsif" or "`endif" or "`default_nettype" or "`resetall" or "`celldefine" or "`endcelldefine" or "`undef" or "`pragma" or "`line" or "`begin_keywords" or "`end_keywords" or "`unconnected_drive" or "`nounconnected_drive" or "`undefineall":
                    skipLine = true;
                    continue;
            }

            if (token.Channel != TokenConstants.DefaultChannel && token.Type != TokenConstants.EOF)
            {
                continue;
            }

            if (skipLine && token.Type != TokenConstants.EOF)
            {
                continue;
            }

            if (KeywordVersions.IsInactiveKeyword(token.Type, version))
            {
                tokens.Add(token.With(SystemVerilogLexer.SIMPLE_IDENTIFIER, null));
                continue;
            }

            if (token.Type == SystemVerilogLexer.UNTERMINATED_STRING)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnterminatedString, text.GetLocation(token.Span)));
                tokens.Add(token.With(SystemVerilogLexer.STRING_LITERAL, null));
                continue;
            }

            tokens.Add(token);
        }

        return new PreprocessorOutput(tokens, comments, diagnostics.ToImmutable(), PreprocessorFacts.Empty, new Dictionary<string, TextSpan>());
    }
}
