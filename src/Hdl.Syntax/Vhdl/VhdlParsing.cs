using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Vhdl;

/// <summary>VHDL: lex, apply the edition's keyword set, split off trivia, then parse a design file.</summary>
internal static class VhdlParsing
{
    public static SyntaxTree Parse(SourceText text, ParseOptions options, CancellationToken cancellationToken)
    {
        var version = options.VhdlVersion == LanguageVersion.Vhdl1993 ? LanguageVersion.Vhdl1993 : LanguageVersion.Vhdl2008;
        var (tokens, comments, lexicalDiagnostics) = Lex(text, version, cancellationToken);
        var (root, parseDiagnostics) = TwoStageParse.Run(
            tokens.ConvertAll(static token => (IToken)token),
            static stream => new VhdlParser(stream),
            static parser => parser.design_file(),
            text,
            cancellationToken);
        return new SyntaxTree(
            text,
            HdlLanguage.Vhdl,
            version,
            root,
            VhdlParser.DefaultVocabulary,
            VhdlParser.ruleNames,
            tokens,
            comments,
            lexicalDiagnostics.AddRange(parseDiagnostics),
            PreprocessorFacts.Empty,
            new Dictionary<string, TextSpan>());
    }

    /// <summary>
    /// Runs the lexer once: default-channel tokens (ending with EOF) for the parser, comments as trivia,
    /// and a diagnostic for each lexical error. Lexical errors never stop parsing.
    /// </summary>
    private static (List<HdlToken> Tokens, List<HdlToken> Comments, ImmutableArray<Diagnostic> Diagnostics) Lex(
        SourceText text, LanguageVersion version, CancellationToken cancellationToken)
    {
        var lexer = new VhdlLexer(new AntlrInputStream(text.Text));
        lexer.RemoveErrorListeners();
        lexer.TokenFactory = new HdlTokenFactory(text);
        var tokens = new List<HdlToken>(text.Length / 6 + 16);
        var comments = new List<HdlToken>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var count = 0;
        while (true)
        {
            var token = (HdlToken)lexer.NextToken();
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (token.Type)
            {
                case TokenConstants.EOF:
                    tokens.Add(token);
                    return (tokens, comments, diagnostics.ToImmutable());
                case VhdlLexer.LINE_COMMENT or VhdlLexer.BLOCK_COMMENT:
                    comments.Add(token);
                    continue;
                case VhdlLexer.UNTERMINATED_BLOCK_COMMENT:
                    comments.Add(token);
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnterminatedComment, text.GetLocation(token.Span)));
                    continue;
                case VhdlLexer.ERROR_CHAR:
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnexpectedCharacter, text.GetLocation(token.Span), token.Text));
                    continue;
                case VhdlLexer.UNTERMINATED_STRING:
                    // Parsed as a string so that one missing quote yields one diagnostic, not a cascade.
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.VhdlUnterminatedString, text.GetLocation(token.Span)));
                    tokens.Add(token.With(VhdlLexer.STRING_LITERAL, null));
                    continue;
            }

            if (token.Channel != TokenConstants.DefaultChannel)
            {
                continue;
            }

            tokens.Add(VhdlKeywordVersions.IsInactiveKeyword(token.Type, version) ? token.With(VhdlLexer.BASIC_IDENTIFIER, null) : token);
        }
    }
}
