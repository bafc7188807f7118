using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Parsing;

/// <summary>
/// Runs a generated parser the fast way first (SLL prediction, bail out at the first error) and, only if
/// that fails, again with full LL prediction and error recovery, collecting diagnostics (ARCHITECTURE: parser).
/// </summary>
internal static class TwoStageParse
{
    public static (ParserRuleContext Root, ImmutableArray<Diagnostic> Diagnostics) Run<TParser>(
        List<IToken> tokens,
        Func<ITokenStream, TParser> createParser,
        Func<TParser, ParserRuleContext> startRule,
        IReadOnlySet<int> anchorTokenTypes,
        SourceText mainFile,
        CancellationToken cancellationToken)
        where TParser : Parser
    {
        var stream = new CancellableTokenStream(tokens, cancellationToken);
        var parser = createParser(stream);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        parser.BuildParseTree = true;
        try
        {
            return (startRule(parser), []);
        }
        catch (ParseCanceledException)
        {
            // SLL could not decide or the input has an error: fall through to full LL with recovery.
        }

        cancellationToken.ThrowIfCancellationRequested();
        stream.Seek(0);
        parser.Reset();
        var listener = new DiagnosticErrorListener(mainFile);
        parser.AddErrorListener(listener);
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new RecoveringErrorStrategy(anchorTokenTypes);
        var root = startRule(parser);
        return (root, listener.Diagnostics.ToImmutable());
    }

    /// <summary>
    /// A token stream over the whole token list, which notices cancellation every few thousand tokens. The list
    /// (ending with EOF) becomes the stream's buffer as it is: ANTLR's stream would fetch the tokens one by one into
    /// a growing list of its own, a second copy of every file's tokens for the collector (bench/parse-throughput/results.md).
    /// </summary>
    private sealed class CancellableTokenStream : CommonTokenStream
    {
        private readonly CancellationToken _cancellationToken;
        private int _consumed;

        public CancellableTokenStream(List<IToken> tokens, CancellationToken cancellationToken)
            : base(new ListTokenSource(tokens))
        {
            _cancellationToken = cancellationToken;
            if (tokens.Count == 0 || tokens[^1].Type != TokenConstants.EOF)
            {
                // The token source ends such a list with an EOF of its own: leave the fetching to ANTLR.
                return;
            }

            // The indices ANTLR's fetching would give (the parse tree's source intervals and recovery read them).
            for (var i = 0; i < tokens.Count; i++)
            {
                ((IWritableToken)tokens[i]).TokenIndex = i;
            }

            this.tokens = tokens;
            fetchedEOF = true;
        }

        public override void Consume()
        {
            if ((++_consumed & 0xFFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            base.Consume();
        }
    }

    /// <summary>
    /// Default recovery, but invented tokens are <see cref="HdlToken"/> marked missing, and an anchor keyword (one that
    /// opens or closes a design unit or declaration) is never deleted to make the next token fit: in `use work.`
    /// followed by `entity foo is`, deleting `entity` would swallow the entity's name into the broken clause and lose
    /// the whole entity.
    /// </summary>
    private sealed class RecoveringErrorStrategy(IReadOnlySet<int> anchorTokenTypes) : DefaultErrorStrategy
    {
        protected override IToken? SingleTokenDeletion(Parser recognizer) =>
            anchorTokenTypes.Contains(recognizer.InputStream.LA(1)) ? null : base.SingleTokenDeletion(recognizer);

        protected override IToken ConstructToken(ITokenSource tokenSource, int expectedTokenType, string tokenText, IToken current)
        {
            var anchor = (HdlToken)current;
            return new HdlToken(Tuple.Create<ITokenSource, ICharStream>(tokenSource, null!), expectedTokenType, TokenConstants.DefaultChannel, anchor.StartIndex, anchor.StartIndex - 1, anchor.File)
            {
                Text = tokenText,
                Line = anchor.Line,
                Column = anchor.Column,
                Expansion = anchor.Expansion,
                IsMissing = true,
            };
        }
    }

    /// <summary>Turns ANTLR's syntax errors into catalog diagnostics at the offending token.</summary>
    private sealed class DiagnosticErrorListener(SourceText mainFile) : IAntlrErrorListener<IToken>
    {
        private const int MaxExpectedShown = 6;

        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

        public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
        {
            var parser = (Parser)recognizer;
            var token = offendingSymbol as HdlToken;
            var expected = ExpectedTokens(parser, e);
            var found = token is null || token.Type == TokenConstants.EOF ? "end of file" : $"'{token.Text}'";
            var previous = PreviousToken(parser, offendingSymbol);
            if (previous is not null && token is not null && previous.Line < token.Line && ExpectsSemicolon(parser, expected))
            {
                // A statement that ends without its ';' is reported where the ';' belongs, at the end of the
                // previous line, not at the next statement's first token (as GHDL and C compilers do).
                var end = new TextSpan(previous.StopIndex + 1, 0);
                Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SyntaxError, previous.File.GetLocation(end), $"missing ';' before {found}"));
                return;
            }

            var message = FormatMessage(parser, found, expected);
            Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SyntaxError, LocationOf(token), message));
        }

        private static IntervalSet? ExpectedTokens(Parser parser, RecognitionException? exception)
        {
            try
            {
                return exception?.GetExpectedTokens() ?? parser.GetExpectedTokens();
            }
            catch (ArgumentException)
            {
                // The ATN state is not always valid after recovery; the message then names only what was found.
                return null;
            }
        }

        /// <summary>The token before the offending one when that is the parser's current token, in real source.</summary>
        private static HdlToken? PreviousToken(Parser parser, IToken offendingSymbol)
        {
            var stream = (ITokenStream)parser.InputStream;
            if (!ReferenceEquals(stream.LT(1), offendingSymbol) || stream.LT(-1) is not HdlToken previous)
            {
                return null;
            }

            return previous.Expansion is null && !previous.IsMissing && offendingSymbol is HdlToken { Expansion: null } ? previous : null;
        }

        private static bool ExpectsSemicolon(Parser parser, IntervalSet? expected)
        {
            if (expected is null)
            {
                return false;
            }

            foreach (var type in expected.ToArray())
            {
                if (parser.Vocabulary.GetLiteralName(type) == "';'")
                {
                    return true;
                }
            }

            return false;
        }

        private static string FormatMessage(Parser parser, string found, IntervalSet? expected)
        {
            if (expected is null || expected.Count == 0 || expected.Count > MaxExpectedShown)
            {
                return $"unexpected {found}";
            }

            var names = new List<string>();
            foreach (var type in expected.ToArray())
            {
                names.Add(type == TokenConstants.EOF ? "end of file" : parser.Vocabulary.GetDisplayName(type));
            }

            return $"unexpected {found}, expected {string.Join(" or ", names)}";
        }

        /// <summary>Errors in macro output are reported where the macro is used in this file.</summary>
        private Location LocationOf(HdlToken? token)
        {
            if (token is null || token.StartIndex < 0)
            {
                return mainFile.GetLocation(new TextSpan(mainFile.Length, 0));
            }

            var expansion = token.Expansion;
            while (expansion?.Parent is not null)
            {
                expansion = expansion.Parent;
            }

            if (expansion is not null)
            {
                return expansion.CallSite;
            }

            return token.File.GetLocation(token.Type == TokenConstants.EOF ? new TextSpan(token.StartIndex, 0) : token.Span);
        }
    }
}
