using System.Collections.Frozen;
using System.Collections.Immutable;
using Antlr4.Runtime;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Vhdl;

/// <summary>VHDL: lex, apply the edition's keyword set, split off trivia, then parse a design file.</summary>
internal static class VhdlParsing
{
    /// <summary>Keywords that start a design unit, a context item or a declarative part's end; recovery keeps them.</summary>
    private static readonly FrozenSet<int> RecoveryAnchors = FrozenSet.ToFrozenSet(
    [
        VhdlLexer.LIBRARY, VhdlLexer.USE, VhdlLexer.CONTEXT, VhdlLexer.ENTITY, VhdlLexer.ARCHITECTURE, VhdlLexer.PACKAGE,
        VhdlLexer.CONFIGURATION, VhdlLexer.BEGIN, VhdlLexer.END, VhdlLexer.SIGNAL, VhdlLexer.CONSTANT, VhdlLexer.COMPONENT,
        VhdlLexer.FUNCTION, VhdlLexer.PROCEDURE, VhdlLexer.PROCESS, VhdlLexer.TYPE, VhdlLexer.SUBTYPE,
    ]);

    public static SyntaxTree Parse(SourceText text, ParseOptions options, CancellationToken cancellationToken)
    {
        var version = options.VhdlVersion == LanguageVersion.Vhdl1993 ? LanguageVersion.Vhdl1993 : LanguageVersion.Vhdl2008;
        var (tokens, comments, lexicalDiagnostics) = Lex(text, version, cancellationToken);
        var (root, parseDiagnostics) = TwoStageParse.Run(
            tokens,
            VhdlParser.WithShortcuts,
            static parser => parser.design_file(),
            RecoveryAnchors,
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
            lexicalDiagnostics.AddRange(ExplainExtraSemicolons(parseDiagnostics, tokens, text)),
            PreprocessorFacts.Empty,
            new Dictionary<string, TextSpan>());
    }

    /// <summary>
    /// `port (a : in bit;)` is the most common VHDL slip: the parser trips over the `)`, but the mistake is
    /// the `;` before it, which is where GHDL reports it too. Such errors move to the semicolon.
    /// </summary>
    private static ImmutableArray<Diagnostic> ExplainExtraSemicolons(ImmutableArray<Diagnostic> diagnostics, List<HdlToken> tokens, SourceText text)
    {
        if (diagnostics.IsEmpty)
        {
            return diagnostics;
        }

        var builder = ImmutableArray.CreateBuilder<Diagnostic>(diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            var index = diagnostic.Descriptor == DiagnosticCatalog.SyntaxError ? FindToken(tokens, diagnostic.Location.Span.Start) : -1;
            if (index > 0 && tokens[index].Type == VhdlLexer.RPAREN && tokens[index - 1].Type == VhdlLexer.SEMI && !tokens[index].IsMissing)
            {
                builder.Add(Diagnostic.Create(DiagnosticCatalog.SyntaxError, text.GetLocation(tokens[index - 1].Span), "extra ';' before ')': the last element of a list has no ';'"));
                continue;
            }

            builder.Add(diagnostic);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>The index of the token that starts at an offset, by binary search; -1 when none does.</summary>
    private static int FindToken(List<HdlToken> tokens, int offset)
    {
        var low = 0;
        var high = tokens.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var start = tokens[middle].StartIndex;
            if (start == offset)
            {
                return middle;
            }

            if (start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Runs the lexer once: default-channel tokens (ending with EOF) for the parser, comments as trivia,
    /// and a diagnostic for each lexical error. Lexical errors never stop parsing.
    /// </summary>
    private static (List<HdlToken> Tokens, List<HdlToken> Comments, ImmutableArray<Diagnostic> Diagnostics) Lex(
        SourceText text, LanguageVersion version, CancellationToken cancellationToken)
    {
        var scanner = new VhdlScanner(text);
        var tokens = new List<HdlToken>(text.Length / 6 + 16);
        var comments = new List<HdlToken>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var count = 0;
        while (true)
        {
            var token = scanner.NextToken();
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
