using Antlr4.Runtime;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// Lexes a file for the preprocessor: the one place SystemVerilog text becomes tokens. It wraps the generated lexer
/// in two places:
/// <list type="bullet">
/// <item>A block comment is cut at its first */ directly, without running the lexer's ATN over the comment (the
/// grammar's UNTERMINATED_BLOCK_COMMENT rule still handles a comment that never closes).</item>
/// <item>ESCAPED_DIRECTIVE (`'`' '\\' ~[ \t\r\n\f]+`) outmatches MACRO_ESCAPED_QUOTE, so `\`"x`\`"`" would be one token.</item>
/// </list>
/// </summary>
internal static class PreprocessorLexing
{
    public static List<HdlToken> Lex(SourceText file, CancellationToken cancellationToken)
    {
        var lexer = new CommentSafeLexer(file);
        lexer.RemoveErrorListeners();
        lexer.TokenFactory = new HdlTokenFactory(file);
        var tokens = new List<HdlToken>(file.Length / 4 + 16);
        while (true)
        {
            var token = (HdlToken)lexer.NextToken();
            tokens.Add(token);
            if (token.Type == TokenConstants.EOF)
            {
                return tokens;
            }

            if ((tokens.Count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private sealed class CommentSafeLexer(SourceText file) : SystemVerilogLexer(new AntlrInputStream(file.Text))
    {
        private const string EscapedQuote = "`\\`\"";

        public override IToken NextToken()
        {
            var text = file.Text;
            var start = InputStream.Index;
            if (start + 1 < text.Length && text[start] == '/' && text[start + 1] == '*')
            {
                var close = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
                if (close >= 0)
                {
                    return TakeToken(BLOCK_COMMENT, COMMENTS, start, close + 2);
                }
            }
            else if (start + 3 < text.Length && text[start] == '`' && string.CompareOrdinal(text, start, EscapedQuote, 0, EscapedQuote.Length) == 0)
            {
                return TakeToken(MACRO_ESCAPED_QUOTE, TokenConstants.DefaultChannel, start, start + EscapedQuote.Length);
            }

            return base.NextToken();
        }

        /// <summary>Makes a token of [start, end) and moves the lexer's position (and line and column) past it.</summary>
        private IToken TakeToken(int type, int channel, int start, int end)
        {
            var line = Line;
            var column = Column;
            var text = file.Text;
            var newlines = 0;
            var lastLineStart = -1;
            for (var i = start; i < end; i++)
            {
                if (text[i] == '\n')
                {
                    newlines++;
                    lastLineStart = i + 1;
                }
            }

            var token = TokenFactory.Create(Tuple.Create<ITokenSource, ICharStream>(this, (ICharStream)InputStream), type, null, channel, start, end - 1, line, column);
            ((ICharStream)InputStream).Seek(end);
            Line = line + newlines;
            Column = newlines == 0 ? column + (end - start) : end - lastLineStart;
            return token;
        }
    }
}
