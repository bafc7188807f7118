namespace Hdl.Workspace.Features.Completion;

internal enum TextTokenKind
{
    Identifier,

    /// <summary>`$display`, `$clog2`: a system task or function name (SV).</summary>
    SystemName,
    Number,
    String,
    Punctuation,
}

/// <summary>A token of the text around the cursor: kind, where it starts, and its text.</summary>
internal readonly record struct TextToken(TextTokenKind Kind, int Start, string Text)
{
    public int End => Start + Text.Length;

    public bool Is(string text) => Kind == TextTokenKind.Punctuation && Text == text;

    public bool IsWord(string word, bool ignoreCase) =>
        Kind == TextTokenKind.Identifier && string.Equals(Text, word, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>
/// A small lexer for the text being edited. The file under the cursor is usually broken (the current line is
/// incomplete), so completion and signature help read the raw text rather than the parser's tree: identifiers,
/// numbers, strings and punctuation, with comments skipped. Multi-character operators that matter for context
/// (`::`, `&lt;=`, `=&gt;`, `:=`) are single tokens.
/// </summary>
internal static class TextTokens
{
    private static readonly string[] Operators = ["::", "<=", "=>", ":=", ">=", "==", "!=", "/=", "&&", "||", "->", "**", "<<", ">>", "++", "--", "+=", "-="];

    public static List<TextToken> Lex(string text, int start, int end, bool vhdl) => Lex(text, start, end, vhdl, out _);

    /// <param name="endsInside">Set when a comment or string is still open at <paramref name="end"/>: the cursor is in it.</param>
    public static List<TextToken> Lex(string text, int start, int end, bool vhdl, out bool endsInside)
    {
        endsInside = false;
        var tokens = new List<TextToken>();
        var at = Math.Max(0, start);
        end = Math.Min(end, text.Length);
        while (at < end)
        {
            var c = text[at];
            if (char.IsWhiteSpace(c))
            {
                at++;
                continue;
            }

            if ((c == '/' && at + 1 < end && text[at + 1] == '/' && !vhdl) || (c == '-' && at + 1 < end && text[at + 1] == '-' && vhdl))
            {
                at = LineEnd(text, at, end);
                endsInside = at == end && text[end - 1] != '\n';
                continue;
            }

            if (c == '/' && at + 1 < end && text[at + 1] == '*')
            {
                var close = text.IndexOf("*/", at + 2, end - at - 2, StringComparison.Ordinal);
                at = close < 0 ? end : close + 2;
                endsInside = close < 0;
                continue;
            }

            if (c == '"')
            {
                var close = at + 1;
                while (close < end && text[close] != '"' && text[close] != '\n')
                {
                    close += text[close] == '\\' && !vhdl ? 2 : 1;
                }

                endsInside = close >= end;
                close = Math.Min(close + 1, end);
                tokens.Add(new TextToken(TextTokenKind.String, at, text[at..close]));
                at = close;
                continue;
            }

            if (IsIdentifierStart(c) || (c == '$' && at + 1 < end && IsIdentifierStart(text[at + 1])) || (c == '`' && !vhdl))
            {
                var wordEnd = at + 1;
                while (wordEnd < end && IsIdentifierPart(text[wordEnd]))
                {
                    wordEnd++;
                }

                tokens.Add(new TextToken(c == '$' ? TextTokenKind.SystemName : TextTokenKind.Identifier, at, text[at..wordEnd]));
                at = wordEnd;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var numberEnd = at + 1;
                while (numberEnd < end && (char.IsAsciiLetterOrDigit(text[numberEnd]) || text[numberEnd] is '_' or '\'' or '.' or '#'))
                {
                    numberEnd++;
                }

                tokens.Add(new TextToken(TextTokenKind.Number, at, text[at..numberEnd]));
                at = numberEnd;
                continue;
            }

            var length = 1;
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(text, at, op, 0, op.Length) == 0 && at + op.Length <= end)
                {
                    length = op.Length;
                    break;
                }
            }

            tokens.Add(new TextToken(TextTokenKind.Punctuation, at, text.Substring(at, length)));
            at += length;
        }

        return tokens;
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private static int LineEnd(string text, int at, int end)
    {
        var newline = text.IndexOf('\n', at, end - at);
        return newline < 0 ? end : newline + 1;
    }
}
