using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Vhdl;

/// <summary>
/// The VHDL lexer used for parsing: a hand-written scanner that produces exactly the tokens of the lexer generated
/// from grammars/VhdlLexer.g4 (same types, channels, offsets, lines, columns and text; the grammar stays the
/// specification and the token vocabulary, and VhdlScannerTests compares the two). ANTLR's lexer simulates its
/// automaton one character at a time through virtual calls and took a quarter of a cold `hdl parse` of VHDL;
/// VHDL's lexical rules (IEEE 1076-2008 clause 15) are simple enough to read directly.
/// Like the grammar it never fails: a character it does not know becomes an ERROR_CHAR token.
/// </summary>
internal sealed class VhdlScanner(SourceText file)
{
    /// <summary>Reserved words by their spelling in any case (type and lower-case spelling), from the generated lexer's vocabulary.</summary>
    private static readonly FrozenDictionary<string, (int Type, string Spelling)>.AlternateLookup<ReadOnlySpan<char>> Keywords = ScannerCursor.KeywordsOf(VhdlLexer.DefaultVocabulary, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Each distinct identifier spelling of the file, made once: a file names the same signals and types hundreds of
    /// times, and the tree keeps every token's text for as long as it lives (identifiers longer than
    /// <see cref="TokenTextTable.MaxSharedLength"/> are rare and made each time).
    /// </summary>
    private readonly TokenTextTable _identifiers = new();

    private readonly ScannerCursor _cursor = new(file);
    private readonly string _text = file.Text;

    /// <summary>The type of the last token on the default channel, for the tick rule (see VhdlLexer.CharacterLiteralAllowed).</summary>
    private int _lastSignificantTokenType = TokenConstants.InvalidType;

    /// <summary>The next token on any channel (white space makes none); at the end, EOF every time.</summary>
    // Optimized at the first call (here and on the scanner's other loops): a batch run of seconds ends before tiered
    // compilation promotes the scanner from tier 0, and the scanner then ran three times slower than warm.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HdlToken NextToken()
    {
        SkipWhiteSpace();
        if (_cursor.IsAtEnd)
        {
            return _cursor.EndOfFile();
        }

        var start = _cursor.Position;
        var (type, end, channel, fixedText) = Match(start);
        if (channel == TokenConstants.DefaultChannel)
        {
            _lastSignificantTokenType = type;
        }

        return _cursor.Take(type, channel, end, fixedText ?? _text.Substring(start, end - start));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipWhiteSpace()
    {
        var start = _cursor.Position;
        var position = start;
        while (position < _text.Length && IsWhiteSpace(_text[position]))
        {
            position++;
        }

        if (position > start)
        {
            _cursor.Skip(position);
        }
    }

    /// <summary>The longest token at start (ties go to the rule listed first in the grammar), as (type, end, channel, text if fixed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Type, int End, int Channel, string? Text) Match(int start)
    {
        var text = _text;
        var c = text[start];
        var next = At(start + 1);
        switch (c)
        {
            case '"':
                return MatchString(start);
            case '\'':
                return CharacterLiteralAllowed && At(start + 2) == '\''
                    ? (VhdlLexer.CHARACTER_LITERAL, start + 3, TokenConstants.DefaultChannel, null)
                    : Fixed(VhdlLexer.TICK, start, "'");
            case '\\':
                var extendedEnd = ExtendedIdentifierEnd(start);
                return extendedEnd > 0
                    ? (VhdlLexer.EXTENDED_IDENTIFIER, extendedEnd, TokenConstants.DefaultChannel, null)
                    : (VhdlLexer.ERROR_CHAR, start + 1, TokenConstants.DefaultChannel, null);
            case '-':
                return next == '-'
                    ? (VhdlLexer.LINE_COMMENT, LineEnd(start), VhdlLexer.COMMENTS, null)
                    : Fixed(VhdlLexer.MINUS, start, "-");
            case '/':
                if (next == '*')
                {
                    var close = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
                    return close >= 0
                        ? (VhdlLexer.BLOCK_COMMENT, close + 2, VhdlLexer.COMMENTS, null)
                        : (VhdlLexer.UNTERMINATED_BLOCK_COMMENT, text.Length, VhdlLexer.COMMENTS, null);
                }

                return next == '=' ? Fixed(VhdlLexer.NE, start, "/=") : Fixed(VhdlLexer.SLASH, start, "/");
            case '`':
                return (VhdlLexer.TOOL_DIRECTIVE, LineEnd(start), VhdlLexer.DIRECTIVES, null);
            case '=':
                return next == '>' ? Fixed(VhdlLexer.ARROW, start, "=>") : Fixed(VhdlLexer.EQ, start, "=");
            case '*':
                return next == '*' ? Fixed(VhdlLexer.DOUBLESTAR, start, "**") : Fixed(VhdlLexer.STAR, start, "*");
            case ':':
                return next == '=' ? Fixed(VhdlLexer.VARASGN, start, ":=") : Fixed(VhdlLexer.COLON, start, ":");
            case '<':
                return next switch
                {
                    '=' => Fixed(VhdlLexer.LE, start, "<="),
                    '>' => Fixed(VhdlLexer.BOX, start, "<>"),
                    '<' => Fixed(VhdlLexer.DOUBLE_LESS, start, "<<"),
                    _ => Fixed(VhdlLexer.LT, start, "<"),
                };
            case '>':
                return next switch
                {
                    '=' => Fixed(VhdlLexer.GE, start, ">="),
                    '>' => Fixed(VhdlLexer.DOUBLE_GREATER, start, ">>"),
                    _ => Fixed(VhdlLexer.GT, start, ">"),
                };
            case '?':
                return MatchQuestion(start, next);
            case '&':
                return Fixed(VhdlLexer.AMPERSAND, start, "&");
            case '(':
                return Fixed(VhdlLexer.LPAREN, start, "(");
            case ')':
                return Fixed(VhdlLexer.RPAREN, start, ")");
            case '+':
                return Fixed(VhdlLexer.PLUS, start, "+");
            case ',':
                return Fixed(VhdlLexer.COMMA, start, ",");
            case '.':
                return Fixed(VhdlLexer.DOT, start, ".");
            case ';':
                return Fixed(VhdlLexer.SEMI, start, ";");
            case '|':
                return Fixed(VhdlLexer.BAR, start, "|");
            case '!':
                return Fixed(VhdlLexer.BAR, start, "!");
            case '[':
                return Fixed(VhdlLexer.LBRACKET, start, "[");
            case ']':
                return Fixed(VhdlLexer.RBRACKET, start, "]");
            case '{':
                return Fixed(VhdlLexer.LBRACE, start, "{");
            case '}':
                return Fixed(VhdlLexer.RBRACE, start, "}");
            case '@':
                return Fixed(VhdlLexer.AT, start, "@");
            case '^':
                return Fixed(VhdlLexer.CARET, start, "^");
        }

        if (IsDigit(c))
        {
            return MatchNumber(start);
        }

        if (IsLetter(c))
        {
            var bitStringEnd = BitStringEnd(start);
            if (bitStringEnd > 0)
            {
                return (VhdlLexer.BIT_STRING_LITERAL, bitStringEnd, TokenConstants.DefaultChannel, null);
            }

            var end = IdentifierEnd(start);
            var word = text.AsSpan(start, end - start);
            if (Keywords.TryGetValue(word, out var keyword))
            {
                return (keyword.Type, end, TokenConstants.DefaultChannel, word.SequenceEqual(keyword.Spelling) ? keyword.Spelling : null);
            }

            return (VhdlLexer.BASIC_IDENTIFIER, end, TokenConstants.DefaultChannel, _identifiers.Get(word));
        }

        return (VhdlLexer.ERROR_CHAR, start + 1, TokenConstants.DefaultChannel, null);
    }

    private static (int Type, int End, int Channel, string? Text) Fixed(int type, int start, string text) =>
        (type, start + text.Length, TokenConstants.DefaultChannel, text);

    private (int Type, int End, int Channel, string? Text) MatchQuestion(int start, char next)
    {
        var afterNext = At(start + 2);
        return next switch
        {
            '?' => Fixed(VhdlLexer.CONDITION_OPERATOR, start, "??"),
            '=' => Fixed(VhdlLexer.MATCH_EQ, start, "?="),
            '/' when afterNext == '=' => Fixed(VhdlLexer.MATCH_NE, start, "?/="),
            '<' => afterNext == '=' ? Fixed(VhdlLexer.MATCH_LE, start, "?<=") : Fixed(VhdlLexer.MATCH_LT, start, "?<"),
            '>' => afterNext == '=' ? Fixed(VhdlLexer.MATCH_GE, start, "?>=") : Fixed(VhdlLexer.MATCH_GT, start, "?>"),
            _ => Fixed(VhdlLexer.QUESTION, start, "?"),
        };
    }

    /// <summary>
    /// A string (15.7) runs to the first quote that is not doubled; one that meets the end of the line first is
    /// unterminated (the longer match of the two rules when a doubled quote ends the line).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Type, int End, int Channel, string? Text) MatchString(int start)
    {
        var text = _text;
        var position = start + 1;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                if (At(position + 1) != '"')
                {
                    return (VhdlLexer.STRING_LITERAL, position + 1, TokenConstants.DefaultChannel, null);
                }

                position += 2;
                continue;
            }

            if (c is '\r' or '\n')
            {
                break;
            }

            position++;
        }

        return (VhdlLexer.UNTERMINATED_STRING, position, TokenConstants.DefaultChannel, null);
    }

    /// <summary>
    /// An extended identifier (15.4.3): backslashes around at least one character, a doubled backslash standing for
    /// one. The end of the longest such token, or 0 when the backslash starts none.
    /// </summary>
    private int ExtendedIdentifierEnd(int start)
    {
        var text = _text;
        var accepted = 0;
        var elements = 0;
        var position = start + 1;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '\\')
            {
                if (elements > 0)
                {
                    accepted = position + 1;
                }

                if (At(position + 1) != '\\')
                {
                    break;
                }

                position += 2;
                elements++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                break;
            }

            position++;
            elements++;
        }

        return accepted;
    }

    /// <summary>Decimal (15.5.2), based (15.5.3) or bit string with a length (15.8) literal starting with a digit.</summary>
    private (int Type, int End, int Channel, string? Text) MatchNumber(int start)
    {
        var integerEnd = IntegerEnd(start);
        var bitStringEnd = BitStringEnd(integerEnd);
        if (bitStringEnd > 0)
        {
            return (VhdlLexer.BIT_STRING_LITERAL, bitStringEnd, TokenConstants.DefaultChannel, null);
        }

        if (At(integerEnd) == '#')
        {
            var basedEnd = BasedEnd(integerEnd + 1);
            if (basedEnd > 0)
            {
                return (VhdlLexer.BASED_LITERAL, basedEnd, TokenConstants.DefaultChannel, null);
            }
        }

        var end = integerEnd;
        if (At(end) == '.' && IsDigit(At(end + 1)))
        {
            end = IntegerEnd(end + 1);
        }

        return (VhdlLexer.DECIMAL_LITERAL, ExponentEnd(end), TokenConstants.DefaultChannel, null);
    }

    /// <summary>After `base#`: digits [. digits] # [exponent]; the end, or 0 when it is not a based literal.</summary>
    private int BasedEnd(int position)
    {
        if (!IsExtendedDigit(At(position)))
        {
            return 0;
        }

        position = ExtendedIntegerEnd(position);
        if (At(position) == '.')
        {
            if (!IsExtendedDigit(At(position + 1)))
            {
                return 0;
            }

            position = ExtendedIntegerEnd(position + 1);
        }

        return At(position) == '#' ? ExponentEnd(position + 1) : 0;
    }

    /// <summary>`e [+-] integer` at position: its end, or position when there is no complete exponent.</summary>
    private int ExponentEnd(int position)
    {
        if (At(position) is not ('e' or 'E'))
        {
            return position;
        }

        var digits = position + 1;
        if (At(digits) is '+' or '-')
        {
            digits++;
        }

        return IsDigit(At(digits)) ? IntegerEnd(digits) : position;
    }

    /// <summary>A digit at position, then more digits, each optionally after one underscore.</summary>
    private int IntegerEnd(int position) => UnderscoredRunEnd<Digit>(position);

    private int ExtendedIntegerEnd(int position) => UnderscoredRunEnd<ExtendedDigit>(position);

    /// <summary>A letter at position, then letters or digits, each optionally after one underscore.</summary>
    private int IdentifierEnd(int position) => UnderscoredRunEnd<LetterOrDigit>(position);

    /// <summary>
    /// The end of VHDL's `part { [underline] part }` from a part at position: integers, based integers and identifiers
    /// are the same rule over three character classes. The class is a type argument (a struct), so the loop is compiled
    /// once per class with its test inlined, as fast as a hand-written loop for each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UnderscoredRunEnd<TPart>(int position)
        where TPart : struct, ICharClass
    {
        position++;
        while (true)
        {
            var c = At(position);
            if (TPart.Contains(c))
            {
                position++;
            }
            else if (c == '_' && TPart.Contains(At(position + 1)))
            {
                position += 2;
            }
            else
            {
                return position;
            }
        }
    }

    private interface ICharClass
    {
        static abstract bool Contains(char c);
    }

    private readonly struct Digit : ICharClass
    {
        public static bool Contains(char c) => IsDigit(c);
    }

    private readonly struct ExtendedDigit : ICharClass
    {
        public static bool Contains(char c) => IsExtendedDigit(c);
    }

    private readonly struct LetterOrDigit : ICharClass
    {
        public static bool Contains(char c) => IsLetterOrDigit(c);
    }

    /// <summary>
    /// `base_specifier "value"` at position (B O X D UB UO UX SB SO SX, any case), the value any characters up to the
    /// next quote on the line; the end, or 0 when none starts there.
    /// </summary>
    private int BitStringEnd(int position)
    {
        var quote = ToLower(At(position)) switch
        {
            'b' or 'o' or 'x' or 'd' => position + 1,
            'u' or 's' when ToLower(At(position + 1)) is 'b' or 'o' or 'x' => position + 2,
            _ => -1,
        };
        if (quote < 0 || At(quote) != '"')
        {
            return 0;
        }

        var text = _text;
        for (var i = quote + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c is '\r' or '\n')
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>The end of the line (before '\r' or '\n') or of the text.</summary>
    private int LineEnd(int start)
    {
        var end = _text.AsSpan(start).IndexOfAny('\r', '\n');
        return end < 0 ? _text.Length : start + end;
    }

    private char At(int position) => _cursor.At(position);

    private bool CharacterLiteralAllowed => _lastSignificantTokenType switch
    {
        VhdlLexer.BASIC_IDENTIFIER or VhdlLexer.EXTENDED_IDENTIFIER or VhdlLexer.RPAREN or VhdlLexer.RBRACKET or VhdlLexer.ALL => false,
        _ => true,
    };

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\f' or '\u000B' or '\u00A0';

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsExtendedDigit(char c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>
    /// The grammar's LETTER: ASCII letters in either case and the lower-case Latin-1 letters. ANTLR's caseInsensitive
    /// option does not add the upper-case Latin-1 letters to that range, so `É` is an ERROR_CHAR, as in the generated lexer.
    /// </summary>
    private static bool IsLetter(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (c >= '\u00DF' && c <= '\u00FF' && c != '\u00F7');

    private static bool IsLetterOrDigit(char c) => IsLetter(c) || IsDigit(c);

    private static char ToLower(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
