using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Verilog;

/// <summary>
/// The SystemVerilog lexer used for parsing: a hand-written scanner that produces exactly the tokens of the lexer
/// generated from grammars/SystemVerilogLexer.g4 (same types, channels, offsets, lines, columns and text, white space
/// and newlines included, because the preprocessor reads them), with the one correction the preprocessor made to it
/// before: `\`"` is always MACRO_ESCAPED_QUOTE, never the start of an ESCAPED_DIRECTIVE. The grammar stays the
/// specification and the token vocabulary; SystemVerilogScannerTests compares the two. ANTLR's lexer simulates its
/// automaton one character at a time through virtual calls and took about a sixth of a cold `hdl parse`.
/// Like the grammar it never fails: a character it does not know becomes an ERROR_CHAR token.
/// </summary>
internal sealed class SystemVerilogScanner(SourceText file)
{
    /// <summary>The characters that start only fixed operators (`/`, `'`, `$` and the backtick start other tokens too).</summary>
    private const string OperatorStarts = "+-*%!~&|^<>=?:;,.#@()[]{}";

    /// <summary>Keywords by their (lower-case, exact) spelling, from the generated lexer's vocabulary.</summary>
    private static readonly FrozenDictionary<string, (int Type, string Spelling)>.AlternateLookup<ReadOnlySpan<char>> Keywords = ScannerCursor.KeywordsOf(SystemVerilogLexer.DefaultVocabulary, StringComparer.Ordinal);

    /// <summary>
    /// For each ASCII punctuation character that starts only fixed operator tokens: those operators, longest first,
    /// from the generated lexer's vocabulary (the first that matches is ANTLR's longest match).
    /// </summary>
    private static readonly (string Text, int Type)[]?[] Operators = BuildOperators();

    /// <summary>Runs of 1 to 64 spaces by length (index 0 is unused).</summary>
    private static readonly string[] Spaces = Enumerable.Range(0, TokenTextTable.MaxSharedLength + 1).Select(length => new string(' ', length)).ToArray();

    /// <summary>One string per distinct short token text of the file: names, white space runs and numbers repeat.</summary>
    private readonly TokenTextTable _texts = new();
    private readonly ScannerCursor _cursor = new(file);
    private readonly string _text = file.Text;

    /// <summary>The next token on any channel; at the end, EOF every time.</summary>
    // Optimized at the first call (here and on the scanner's other loops): a batch run of seconds ends before tiered
    // compilation promotes the scanner from tier 0 (see VhdlScanner).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public HdlToken NextToken()
    {
        if (_cursor.IsAtEnd)
        {
            return _cursor.EndOfFile();
        }

        var start = _cursor.Position;
        var (type, end, channel, fixedText) = Match(start);
        return _cursor.Take(type, channel, end, fixedText ?? _texts.Get(_text.AsSpan(start, end - start)));
    }

    /// <summary>The longest token at start (ties go to the rule listed first in the grammar), as (type, end, channel, text if fixed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Type, int End, int Channel, string? Text) Match(int start)
    {
        var text = _text;
        var c = text[start];
        if (c < 128)
        {
            var operators = Operators[c];
            if (operators is not null)
            {
                return MatchOperator(operators, start);
            }
        }

        if (IsIdentifierStart(c))
        {
            return MatchIdentifier(start);
        }

        if (IsDigit(c))
        {
            return MatchNumber(start);
        }

        switch (c)
        {
            case ' ' or '\t' or '\f' or '\u000B':
                return MatchWhiteSpace(start);
            case '\n':
                return (SystemVerilogLexer.NEWLINE, start + 1, TokenConstants.HiddenChannel, "\n");
            case '\r':
                return At(start + 1) == '\n'
                    ? (SystemVerilogLexer.NEWLINE, start + 2, TokenConstants.HiddenChannel, "\r\n")
                    : Error(start);
            case '/':
                return MatchSlash(start);
            case '"':
                return MatchString(start);
            case '\'':
                return MatchApostrophe(start);
            case '`':
                return MatchBacktick(start);
            case '$':
                return MatchDollar(start);
            case '\\':
                return MatchBackslash(start);
        }

        return Error(start);
    }

    private static (int Type, int End, int Channel, string? Text) Fixed(int type, int start, string text) =>
        (type, start + text.Length, TokenConstants.DefaultChannel, text);

    private static (int Type, int End, int Channel, string? Text) Error(int start) =>
        (SystemVerilogLexer.ERROR_CHAR, start + 1, TokenConstants.DefaultChannel, null);

    /// <summary>A run of blanks; a run of spaces only (most indentation) takes its text from a table, unhashed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Type, int End, int Channel, string? Text) MatchWhiteSpace(int start)
    {
        var text = _text;
        var end = start;
        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }

        var spacesOnly = end;
        while (end < text.Length && text[end] is ' ' or '\t' or '\f' or '\u000B')
        {
            end++;
        }

        var length = end - start;
        return (SystemVerilogLexer.WHITESPACE, end, TokenConstants.HiddenChannel, spacesOnly == end && length < Spaces.Length ? Spaces[length] : null);
    }

    private (int Type, int End, int Channel, string? Text) MatchOperator((string Text, int Type)[] operators, int start)
    {
        var rest = _text.AsSpan(start);
        foreach (var (spelling, type) in operators)
        {
            if (rest.StartsWith(spelling, StringComparison.Ordinal))
            {
                return Fixed(type, start, spelling);
            }
        }

        // Unreachable: every character with an operator table has a one-character operator.
        return Error(start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Type, int End, int Channel, string? Text) MatchIdentifier(int start)
    {
        var text = _text;
        var end = start + 1;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        var word = text.AsSpan(start, end - start);
        if (text[start] is >= 'a' and <= 'z' && Keywords.TryGetValue(word, out var keyword))
        {
            return (keyword.Type, end, TokenConstants.DefaultChannel, keyword.Spelling);
        }

        return (SystemVerilogLexer.SIMPLE_IDENTIFIER, end, TokenConstants.DefaultChannel, null);
    }

    /// <summary>
    /// UNSIGNED_NUMBER, REAL_NUMBER, TIME_LITERAL or `1step` at a digit: the longest of the four (they never tie).
    /// </summary>
    private (int Type, int End, int Channel, string? Text) MatchNumber(int start)
    {
        var integerEnd = DigitsEnd(start);
        var type = SystemVerilogLexer.UNSIGNED_NUMBER;
        var end = integerEnd;

        // The mantissa of a real or time literal with a fraction: digits '.' digits.
        var fractionEnd = At(integerEnd) == '.' && IsDigit(At(integerEnd + 1)) ? DigitsEnd(integerEnd + 1) : -1;
        if (fractionEnd > 0)
        {
            type = SystemVerilogLexer.REAL_NUMBER;
            end = ExponentEnd(fractionEnd);
        }
        else
        {
            var exponentEnd = ExponentEnd(integerEnd);
            if (exponentEnd > integerEnd)
            {
                type = SystemVerilogLexer.REAL_NUMBER;
                end = exponentEnd;
            }
        }

        var mantissaEnd = fractionEnd > 0 ? fractionEnd : integerEnd;
        var timeEnd = TimeUnitEnd(mantissaEnd);
        if (timeEnd > end)
        {
            type = SystemVerilogLexer.TIME_LITERAL;
            end = timeEnd;
        }

        if (end - start < 5 && string.CompareOrdinal(_text, start, "1step", 0, 5) == 0)
        {
            return Fixed(SystemVerilogLexer.ONESTEP, start, "1step");
        }

        return (type, end, TokenConstants.DefaultChannel, null);
    }

    /// <summary>[0-9] [0-9_]* from a digit at position: its end.</summary>
    private int DigitsEnd(int position)
    {
        var text = _text;
        position++;
        while (position < text.Length && (IsDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        return position;
    }

    /// <summary>`[eE] [+-]? [0-9] [0-9_]*` at position: its end, or position when there is no complete exponent.</summary>
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

        return IsDigit(At(digits)) ? DigitsEnd(digits) : position;
    }

    /// <summary>A time unit (s ms us ns ps fs) at position: its end, or -1.</summary>
    private int TimeUnitEnd(int position) => At(position) switch
    {
        's' => position + 1,
        'm' or 'u' or 'n' or 'p' or 'f' when At(position + 1) == 's' => position + 2,
        _ => -1,
    };

    private (int Type, int End, int Channel, string? Text) MatchSlash(int start)
    {
        var text = _text;
        switch (At(start + 1))
        {
            case '/':
                var lineEnd = text.AsSpan(start + 2).IndexOfAny('\r', '\n');
                return (SystemVerilogLexer.LINE_COMMENT, lineEnd < 0 ? text.Length : start + 2 + lineEnd, SystemVerilogLexer.COMMENTS, null);
            case '*':
                // The body of an unterminated comment cannot hold `*/`, so without a close it runs to the end.
                var close = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
                return close >= 0
                    ? (SystemVerilogLexer.BLOCK_COMMENT, close + 2, SystemVerilogLexer.COMMENTS, null)
                    : (SystemVerilogLexer.UNTERMINATED_BLOCK_COMMENT, text.Length, SystemVerilogLexer.COMMENTS, null);
            case '=':
                return Fixed(SystemVerilogLexer.SLASH_ASSIGN, start, "/=");
            default:
                return Fixed(SystemVerilogLexer.SLASH, start, "/");
        }
    }

    /// <summary>
    /// A string runs to the first unescaped quote; a backslash escapes any character, a newline too. One that meets an
    /// unescaped newline or the end first is unterminated (up to there; a backslash at the very end is not part of it).
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
                return (SystemVerilogLexer.STRING_LITERAL, position + 1, TokenConstants.DefaultChannel, null);
            }

            if (c == '\\')
            {
                if (position + 1 >= text.Length)
                {
                    break;
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

        return (SystemVerilogLexer.UNTERMINATED_STRING, position, TokenConstants.DefaultChannel, null);
    }

    /// <summary>A based number's base and value (`'sh 1F`), an unbased unsized literal, `'{` or a lone apostrophe.</summary>
    private (int Type, int End, int Channel, string? Text) MatchApostrophe(int start)
    {
        var next = At(start + 1);
        switch (next)
        {
            case '{':
                return Fixed(SystemVerilogLexer.APOSTROPHE_LBRACE, start, "'{");
            case '0' or '1' or 'x' or 'X' or 'z' or 'Z':
                return (SystemVerilogLexer.UNBASED_UNSIZED_LITERAL, start + 2, TokenConstants.DefaultChannel, null);
        }

        var basedEnd = BasedNumberEnd(start);
        return basedEnd > 0
            ? (SystemVerilogLexer.BASED_NUMBER, basedEnd, TokenConstants.DefaultChannel, null)
            : Fixed(SystemVerilogLexer.APOSTROPHE, start, "'");
    }

    /// <summary>`' [sS]? base [ \t]* value` at start: its end, or 0. Each base takes only its own digits.</summary>
    private int BasedNumberEnd(int start)
    {
        var position = start + 1;
        if (At(position) is 's' or 'S')
        {
            position++;
        }

        var radix = At(position) | 0x20;
        if (radix is not ('b' or 'o' or 'd' or 'h'))
        {
            return 0;
        }

        position++;
        while (At(position) is ' ' or '\t')
        {
            position++;
        }

        var first = At(position);
        if (radix == 'd')
        {
            if (IsDigit(first))
            {
                return DigitsEnd(position);
            }

            if (!IsUnknownDigit(first))
            {
                return 0;
            }

            position++;
            while (At(position) == '_')
            {
                position++;
            }

            return position;
        }

        if (!IsBasedDigit(first, radix))
        {
            return 0;
        }

        position++;
        while (At(position) is var c && (c == '_' || IsBasedDigit(c, radix)))
        {
            position++;
        }

        return position;
    }

    private static bool IsUnknownDigit(char c) => c is 'x' or 'X' or 'z' or 'Z' or '?';

    private static bool IsBasedDigit(char c, int radix) => IsUnknownDigit(c) || radix switch
    {
        'b' => c is '0' or '1',
        'o' => c is >= '0' and <= '7',
        _ => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a',
    };

    /// <summary>Compiler directives and the macro punctuation `\`"`, `"` and ``.</summary>
    private (int Type, int End, int Channel, string? Text) MatchBacktick(int start)
    {
        var next = At(start + 1);
        switch (next)
        {
            case '"':
                return Fixed(SystemVerilogLexer.MACRO_QUOTE, start, "`\"");
            case '`':
                return Fixed(SystemVerilogLexer.MACRO_PASTE, start, "``");
            case '\\':
                if (At(start + 2) == '`' && At(start + 3) == '"')
                {
                    // Before ESCAPED_DIRECTIVE, which would take `\`"x`\`"`" as one token.
                    return Fixed(SystemVerilogLexer.MACRO_ESCAPED_QUOTE, start, "`\\`\"");
                }

                var escapedEnd = NonSpaceRunEnd(start + 2);
                return escapedEnd > start + 2
                    ? (SystemVerilogLexer.ESCAPED_DIRECTIVE, escapedEnd, TokenConstants.DefaultChannel, null)
                    : Error(start);
        }

        if (!IsIdentifierStart(next))
        {
            return Error(start);
        }

        var end = start + 2;
        while (end < _text.Length && IsIdentifierPart(_text[end]))
        {
            end++;
        }

        return (SystemVerilogLexer.DIRECTIVE, end, TokenConstants.DefaultChannel, null);
    }

    /// <summary>`$unit`, `$root`, a system task or function name, or a lone `$`.</summary>
    private (int Type, int End, int Channel, string? Text) MatchDollar(int start)
    {
        var text = _text;
        var end = start + 1;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        if (end == start + 1)
        {
            return Fixed(SystemVerilogLexer.DOLLAR, start, "$");
        }

        var name = text.AsSpan(start, end - start);
        if (name.SequenceEqual("$unit"))
        {
            return Fixed(SystemVerilogLexer.DOLLAR_UNIT, start, "$unit");
        }

        return name.SequenceEqual("$root")
            ? Fixed(SystemVerilogLexer.DOLLAR_ROOT, start, "$root")
            : (SystemVerilogLexer.SYSTEM_TF_IDENTIFIER, end, TokenConstants.DefaultChannel, null);
    }

    /// <summary>A line continuation (backslash, newline), an escaped identifier, or a lone backslash.</summary>
    private (int Type, int End, int Channel, string? Text) MatchBackslash(int start)
    {
        var next = At(start + 1);
        if (next == '\n')
        {
            return (SystemVerilogLexer.LINE_CONTINUATION, start + 2, TokenConstants.HiddenChannel, null);
        }

        if (next == '\r' && At(start + 2) == '\n')
        {
            return (SystemVerilogLexer.LINE_CONTINUATION, start + 3, TokenConstants.HiddenChannel, null);
        }

        var end = NonSpaceRunEnd(start + 1);
        return end > start + 1
            ? (SystemVerilogLexer.ESCAPED_IDENTIFIER, end, TokenConstants.DefaultChannel, null)
            : Error(start);
    }

    /// <summary>The end of `~[ \t\r\n\f]*` from position (a vertical tab belongs to the run, as in the grammar).</summary>
    private int NonSpaceRunEnd(int position)
    {
        var text = _text;
        while (position < text.Length && text[position] is not (' ' or '\t' or '\r' or '\n' or '\f'))
        {
            position++;
        }

        return position;
    }

    private char At(int position) => _cursor.At(position);

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsIdentifierStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c) || c == '$';

    private static (string Text, int Type)[]?[] BuildOperators()
    {
        var byFirst = new List<(string Text, int Type)>?[128];
        for (var type = 1; SystemVerilogLexer.DefaultVocabulary.GetSymbolicName(type) is not null; type++)
        {
            var literal = SystemVerilogLexer.DefaultVocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && OperatorStarts.Contains(literal[1], StringComparison.Ordinal) && !literal.Contains('\\', StringComparison.Ordinal))
            {
                var spelling = literal[1..^1];
                (byFirst[spelling[0]] ??= []).Add((spelling, type));
            }
        }

        var operators = new (string Text, int Type)[]?[128];
        for (var c = 0; c < byFirst.Length; c++)
        {
            operators[c] = byFirst[c]?.OrderByDescending(entry => entry.Text.Length).ToArray();
        }

        return operators;
    }
}
