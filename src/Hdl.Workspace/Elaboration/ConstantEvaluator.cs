using System.Globalization;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// Evaluates integer constant expressions as written in parameter and generic defaults, overrides, dimensions and
/// generate conditions, in either language: numbers (Verilog sized/based literals, VHDL based literals), names looked
/// up through a callback, + - * / % ** &lt;&lt; &gt;&gt;, comparisons, logical and bitwise operators, ?:, parentheses,
/// $clog2, VHDL mod/rem/and/or/not and true/false. Anything else (reals, strings, x/z digits, unknown functions) makes
/// the expression not computable: the result is null, never an exception.
/// </summary>
internal sealed class ConstantEvaluator
{
    private readonly List<string> _tokens;
    private readonly Func<string, long?> _lookup;
    private int _position;

    private ConstantEvaluator(List<string> tokens, Func<string, long?> lookup)
    {
        _tokens = tokens;
        _lookup = lookup;
    }

    /// <param name="lookup">The value of a (possibly package-qualified) name, or null when it has none.</param>
    public static long? Evaluate(string? expression, Func<string, long?> lookup)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var tokens = Tokenize(expression);
        if (tokens is null || tokens.Count == 0)
        {
            return null;
        }

        try
        {
            var evaluator = new ConstantEvaluator(tokens, lookup);
            var value = evaluator.ParseConditional();
            return evaluator._position == tokens.Count ? value : null;
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException or ArgumentOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Smallest n with 2^n >= value, as $clog2 defines it ($clog2(0) = 0).</summary>
    public static long Clog2(long value)
    {
        long bits = 0;
        for (long reach = 1; reach < value; reach <<= 1)
        {
            bits++;
        }

        return bits;
    }

    private long? ParseConditional()
    {
        var condition = ParseBinary(0);
        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = ParseConditional();
        if (!Accept(":"))
        {
            throw new FormatException("':' expected");
        }

        var whenFalse = ParseConditional();
        return condition is null ? null : condition.Value != 0 ? whenTrue : whenFalse;
    }

    /// <summary>Binary operators by precedence, lowest first (IEEE 1800-2017 Table 11-2).</summary>
    private static readonly string[][] BinaryLevels =
    [
        ["||", "or"],
        ["&&", "and"],
        ["|"],
        ["^", "~^", "^~", "xor"],
        ["&"],
        ["==", "!=", "===", "!==", "=", "/="],
        ["<", "<=", ">", ">="],
        ["<<", ">>", "<<<", ">>>", "sll", "srl"],
        ["+", "-"],
        ["*", "/", "%", "mod", "rem"],
    ];

    private long? ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParsePower();
        }

        var left = ParseBinary(level + 1);
        while (_position < _tokens.Count && Array.IndexOf(BinaryLevels[level], _tokens[_position].ToLowerInvariant()) >= 0)
        {
            var op = _tokens[_position++].ToLowerInvariant();
            var right = ParseBinary(level + 1);
            left = left is null || right is null ? null : Apply(op, left.Value, right.Value);
        }

        return left;
    }

    private long? ParsePower()
    {
        var left = ParseUnary();
        if (Accept("**"))
        {
            // ** binds tighter than * and is evaluated left to right in SystemVerilog; one level is what real code uses.
            var right = ParsePower();
            return left is null || right is null ? null : Power(left.Value, right.Value);
        }

        return left;
    }

    private long? ParseUnary()
    {
        if (_position >= _tokens.Count)
        {
            throw new FormatException("operand expected");
        }

        var token = _tokens[_position];
        switch (token.ToLowerInvariant())
        {
            case "+":
                _position++;
                return ParseUnary();
            case "-":
                _position++;
                return -ParseUnary();
            case "!" or "not":
                _position++;
                return ParseUnary() is { } logical ? (logical == 0 ? 1 : 0) : null;
            case "~":
                _position++;
                return ~ParseUnary();
            case "|":
                // Reductions of a value whose width is unknown: OR and XOR do not depend on leading zeros, AND does.
                _position++;
                return ParseUnary() is { } anyBit ? (anyBit != 0 ? 1 : 0) : null;
            case "~|":
                _position++;
                return ParseUnary() is { } noBit ? (noBit == 0 ? 1 : 0) : null;
            case "^":
                _position++;
                return ParseUnary() is { } parityOf and >= 0 ? long.PopCount(parityOf) & 1 : null;
            case "&" or "~&":
                return null;
            case "abs":
                _position++;
                return ParseUnary() is { } absolute ? Math.Abs(absolute) : null;
            default:
                return ParsePrimary();
        }
    }

    private long? ParsePrimary()
    {
        var token = _tokens[_position++];
        if (token == "(")
        {
            var inner = ParseConditional();
            Expect(")");
            return inner;
        }

        if (token.StartsWith('$') || (_position < _tokens.Count && _tokens[_position] == "(" && IsName(token)))
        {
            return ParseCall(token);
        }

        if (char.IsDigit(token[0]) || token[0] == '\'')
        {
            return ParseNumber(token);
        }

        if (IsName(token))
        {
            var value = token.ToLowerInvariant() switch
            {
                "true" => _lookup(token) ?? 1,
                "false" => _lookup(token) ?? 0,
                _ => _lookup(token),
            };
            return Accept("[") ? ParseSelect(value) : value;
        }

        throw new FormatException($"unexpected '{token}'");
    }

    /// <summary>A bit select `N[3]` or part select `N[3:0]` of a parameter value (the `[` is already taken).</summary>
    private long? ParseSelect(long? value)
    {
        var msb = ParseConditional();
        var lsb = Accept(":") ? ParseConditional() : msb;
        Expect("]");
        if (value is null || msb is null || lsb is null || lsb < 0 || msb < lsb || msb > 62)
        {
            return null;
        }

        var width = (int)(msb.Value - lsb.Value + 1);
        return (value.Value >> (int)lsb.Value) & ((1L << width) - 1);
    }

    private long? ParseCall(string name)
    {
        Expect("(");
        var arguments = new List<long?>();
        if (!Accept(")"))
        {
            do
            {
                arguments.Add(ParseConditional());
            }
            while (Accept(","));
            Expect(")");
        }

        return name switch
        {
            "$clog2" when arguments.Count == 1 => arguments[0] is { } value ? Clog2(value) : null,
            _ => null,
        };
    }

    private static long? Apply(string op, long left, long right) => op switch
    {
        "||" or "or" => (left != 0 || right != 0) ? 1 : 0,
        "&&" or "and" => (left != 0 && right != 0) ? 1 : 0,
        "|" => left | right,
        "^" or "xor" => left ^ right,
        "~^" or "^~" => ~(left ^ right),
        "&" => left & right,
        "==" or "===" or "=" => left == right ? 1 : 0,
        "!=" or "!==" or "/=" => left != right ? 1 : 0,
        "<" => left < right ? 1 : 0,
        "<=" => left <= right ? 1 : 0,
        ">" => left > right ? 1 : 0,
        ">=" => left >= right ? 1 : 0,
        "<<" or "<<<" or "sll" => right is >= 0 and < 64 ? left << (int)right : null,
        ">>" or "srl" => right is >= 0 and < 64 ? (long)((ulong)left >> (int)right) : null,
        ">>>" => right is >= 0 and < 64 ? left >> (int)right : null,
        "+" => checked(left + right),
        "-" => checked(left - right),
        "*" => checked(left * right),
        "/" => left / right,
        "%" or "rem" => left % right,
        "mod" => ((left % right) + right) % right,
        _ => null,
    };

    private static long? Power(long value, long exponent)
    {
        if (exponent < 0)
        {
            return null;
        }

        long result = 1;
        for (long step = 0; step < exponent; step++)
        {
            result = checked(result * value);
        }

        return result;
    }

    /// <summary>Decimal, Verilog `8'hFF` / `'d5` / `4'b1010`, VHDL `16#FF#`; x, z and reals are not computable.</summary>
    private static long? ParseNumber(string token)
    {
        var text = token.Replace("_", string.Empty, StringComparison.Ordinal);
        var tick = text.IndexOf('\'', StringComparison.Ordinal);
        if (tick >= 0)
        {
            var rest = text[(tick + 1)..].ToLowerInvariant();
            if (rest.StartsWith('s'))
            {
                rest = rest[1..];
            }

            if (rest.Length == 0)
            {
                return null;
            }

            var radix = rest[0] switch { 'h' => 16, 'd' => 10, 'o' => 8, 'b' => 2, _ => 0 };
            if (radix == 0)
            {
                // '0 and '1 fill a vector of unknown width; only '0 has a value that does not depend on it.
                return rest == "0" ? 0 : null;
            }

            return ParseDigits(rest[1..], radix);
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0 && text.EndsWith('#'))
        {
            return int.TryParse(text[..hash], NumberStyles.None, CultureInfo.InvariantCulture, out var vhdlRadix) && vhdlRadix is >= 2 and <= 16
                ? ParseDigits(text[(hash + 1)..^1].ToLowerInvariant(), vhdlRadix)
                : null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static long? ParseDigits(string digits, int radix)
    {
        if (digits.Length == 0)
        {
            return null;
        }

        long value = 0;
        foreach (var digit in digits)
        {
            var digitValue = digit switch
            {
                >= '0' and <= '9' => digit - '0',
                >= 'a' and <= 'f' => digit - 'a' + 10,
                _ => 99,
            };
            if (digitValue >= radix)
            {
                return null;
            }

            value = checked((value * radix) + digitValue);
        }

        return value;
    }

    private static bool IsName(string token) => char.IsLetter(token[0]) || token[0] == '_' || token[0] == '\\';

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position] == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"'{token}' expected");
        }
    }

    private static readonly string[] Operators =
    [
        "<<<", ">>>", "===", "!==",
        "**", "<<", ">>", "<=", ">=", "==", "!=", "/=", "&&", "||", "~^", "^~", "~|", "~&", "::",
        "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", "(", ")", ",", "[", "]",
    ];

    /// <summary>Splits an expression into tokens; names keep their package or library prefix (`pkg::N`, `work.pkg.N`).</summary>
    private static List<string>? Tokenize(string text)
    {
        var tokens = new List<string>();
        var index = 0;
        while (index < text.Length)
        {
            var c = text[index];
            if (char.IsWhiteSpace(c))
            {
                index++;
                continue;
            }

            var start = index;
            if (char.IsDigit(c) || (c == '\'' && index + 1 < text.Length && char.IsLetterOrDigit(text[index + 1])))
            {
                // A number, possibly sized and based: 8'hFF, 'd5, 16#FF#, 1_000.
                index++;
                while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] is '_' or '\'' or '#'))
                {
                    index++;
                }

                if (index < text.Length && text[index] == '.')
                {
                    return null;
                }

                tokens.Add(text[start..index]);
                continue;
            }

            if (char.IsLetter(c) || c is '_' or '$')
            {
                index++;
                while (index < text.Length)
                {
                    if (char.IsLetterOrDigit(text[index]) || text[index] is '_' or '$')
                    {
                        index++;
                    }
                    else if (text[index] == ':' && index + 2 < text.Length && text[index + 1] == ':' && (char.IsLetter(text[index + 2]) || text[index + 2] == '_'))
                    {
                        index += 2;
                    }
                    else if (text[index] == '.' && index + 1 < text.Length && (char.IsLetter(text[index + 1]) || text[index + 1] == '_'))
                    {
                        index++;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(text[start..index]);
                continue;
            }

            var matched = false;
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(text, index, op, 0, op.Length) == 0)
                {
                    tokens.Add(op);
                    index += op.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                // Strings, concatenations, casts and the like: not an integer constant we evaluate.
                return null;
            }
        }

        return tokens;
    }
}
