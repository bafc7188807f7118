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
        IList<IToken> tokens,
        Func<ITokenStream, TParser> createParser,
        Func<TParser, ParserRuleContext> startRule,
        SourceText mainFile,
        CancellationToken cancellationToken)
        where TParser : Parser
    {
        var stream = new CancellableTokenStream(new ListTokenSource(tokens), cancellationToken);
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
        parser.ErrorHandler = new RecoveringErrorStrategy();
        var root = startRule(parser);
        return (root, listener.Diagnostics.ToImmutable());
    }

    /// <summary>A token stream that notices cancellation every few thousand tokens.</summary>
    private sealed class CancellableTokenStream(ITokenSource source, CancellationToken cancellationToken) : CommonTokenStream(source)
    {
        private int _consumed;

        public override void Consume()
        {
            if ((++_consumed & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            base.Consume();
        }
    }

    /// <summary>Default recovery, but invented tokens are <see cref="HdlToken"/> marked missing.</summary>
    private sealed class RecoveringErrorStrategy : DefaultErrorStrategy
    {
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
            var message = FormatMessage(parser, token, e);
            Diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.SyntaxError, LocationOf(token), message));
        }

        private static string FormatMessage(Parser parser, HdlToken? token, RecognitionException? exception)
        {
            var found = token is null || token.Type == TokenConstants.EOF ? "end of file" : $"'{token.Text}'";
            IntervalSet? expected = null;
            try
            {
                expected = exception?.GetExpectedTokens() ?? parser.GetExpectedTokens();
            }
            catch (ArgumentException)
            {
                // The ATN state is not always valid after recovery; the message then names only what was found.
            }

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
