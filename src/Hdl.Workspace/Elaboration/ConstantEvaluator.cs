using System.Globalization;
using System.Text;

namespace Hdl.Workspace.Elaboration;

/// <summary>Where an expression's names and function calls get their values.</summary>
internal interface IConstantScope
{
    /// <summary>The value of a (possibly package-qualified) name, or null when it has none.</summary>
    ConstantValue? Lookup(string name);

    /// <summary>The result of a call to a function the design defines, or null when it cannot be computed.</summary>
    ConstantValue? Call(string name, IReadOnlyList<ConstantValue> arguments);
}

/// <summary>
/// Evaluates constant expressions as written in parameter and generic defaults, overrides, dimensions and generate
/// conditions. Verilog: sized/based numbers, reals, strings, names, + - * / % ** shifts, comparisons (strings compare
/// as strings), logical and bitwise operators, reductions, ?:, bit/part selects, $clog2/$signed/$unsigned. VHDL:
/// integers (based, with exponent), reals, booleans, characters ('0', '1'), strings and bit strings, enumeration
/// literals, and/or/xor/nand/nor/xnor/not, relational operators on all of them, &amp; on strings, mod/rem/abs/**,
/// type conversions (boolean(...), integer(...)), 'length of strings, integer'high, maximum/minimum, `x when c else
/// y`, and calls to the design's functions through the scope. Anything else (x/z digits, concatenations, unknown
/// names) makes the expression not computable: the result is null, never an exception.
/// </summary>
internal sealed class ConstantEvaluator
{
    private readonly List<string> _tokens;
    private readonly IConstantScope _scope;
    private readonly bool _isVhdl;
    private int _position;

    private ConstantEvaluator(List<string> tokens, IConstantScope scope, bool isVhdl)
    {
        _tokens = tokens;
        _scope = scope;
        _isVhdl = isVhdl;
    }

    public static ConstantValue? Evaluate(string? expression, IConstantScope scope, bool isVhdl)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var tokens = Tokenize(expression, isVhdl);
        if (tokens is null || tokens.Count == 0)
        {
            return null;
        }

        try
        {
            var evaluator = new ConstantEvaluator(tokens, scope, isVhdl);
            var value = evaluator.ParseConditional();
            return evaluator._position == tokens.Count ? value : null;
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException or ArgumentOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Evaluates with names only (no functions), as the tests and simple callers need.</summary>
    public static ConstantValue? Evaluate(string? expression, Func<string, ConstantValue?> lookup, bool isVhdl) =>
        Evaluate(expression, new LookupScope(lookup), isVhdl);

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

    private sealed class LookupScope(Func<string, ConstantValue?> lookup) : IConstantScope
    {
        public ConstantValue? Lookup(string name) => lookup(name);

        public ConstantValue? Call(string name, IReadOnlyList<ConstantValue> arguments) => null;
    }

    // ---------------------------------------------------------------------------------------------
    // Grammar

    private ConstantValue? ParseConditional()
    {
        var condition = ParseBinary(0);
        if (_isVhdl)
        {
            // VHDL-2019 conditional expression `a when c else b`, also what function bodies are recorded as.
            if (!Accept("when"))
            {
                return condition;
            }

            var test = ParseBinary(0);
            Expect("else");
            var otherwise = ParseConditional();
            return test?.Truth is { } chosen ? (chosen ? condition : otherwise) : null;
        }

        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = ParseConditional();
        Expect(":");
        var whenFalse = ParseConditional();
        return condition?.Truth is { } taken ? (taken ? whenTrue : whenFalse) : null;
    }

    /// <summary>Binary operators by precedence, lowest first (IEEE 1800-2017 Table 11-2).</summary>
    private static readonly string[][] VerilogLevels =
    [
        ["||"],
        ["&&"],
        ["|"],
        ["^", "~^", "^~"],
        ["&"],
        ["==", "!=", "===", "!=="],
        ["<", "<=", ">", ">="],
        ["<<", ">>", "<<<", ">>>"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    /// <summary>VHDL's operator classes, lowest first (IEEE 1076-2008 9.2): logical, relational, shift, adding, multiplying.</summary>
    private static readonly string[][] VhdlLevels =
    [
        ["and", "or", "xor", "nand", "nor", "xnor"],
        ["=", "/=", "<", "<=", ">", ">="],
        ["sll", "srl", "sla", "sra"],
        ["+", "-", "&"],
        ["*", "/", "mod", "rem"],
    ];

    private ConstantValue? ParseBinary(int level)
    {
        var levels = _isVhdl ? VhdlLevels : VerilogLevels;
        if (level == levels.Length)
        {
            return ParsePower();
        }

        var left = ParseBinary(level + 1);
        while (_position < _tokens.Count && Array.IndexOf(levels[level], Lower(_tokens[_position])) >= 0)
        {
            var op = Lower(_tokens[_position++]);
            var right = ParseBinary(level + 1);
            left = left is null || right is null ? null : Apply(op, left, right);
        }

        return left;
    }

    private ConstantValue? ParsePower()
    {
        var left = ParseUnary();
        if (Accept("**"))
        {
            // One level is what real code uses; a chain is evaluated right to left.
            var right = ParsePower();
            return left is null || right is null ? null : Power(left, right);
        }

        return left;
    }

    private ConstantValue? ParseUnary()
    {
        if (_position >= _tokens.Count)
        {
            throw new FormatException("operand expected");
        }

        switch (Lower(_tokens[_position]))
        {
            case "+":
                _position++;
                return ParseUnary() is { Kind: ConstantKind.Integer or ConstantKind.Real } plus ? plus : null;
            case "-":
                _position++;
                return ParseUnary() switch
                {
                    { Kind: ConstantKind.Integer } integer => ConstantValue.OfInteger(checked(-integer.Integer)),
                    { Kind: ConstantKind.Real } real => ConstantValue.OfReal(-real.Real),
                    _ => null,
                };
            case "!" when !_isVhdl:
                _position++;
                return ParseUnary()?.Truth is { } logical ? ConstantValue.OfInteger(logical ? 0 : 1) : null;
            case "not" when _isVhdl:
                _position++;
                return Not(ParseUnary());
            case "~" when !_isVhdl:
                _position++;
                return ParseUnary()?.AsInteger is { } bits ? ConstantValue.OfInteger(~bits) : null;
            case "|" when !_isVhdl:
                // Reductions of a value whose width is unknown: OR and XOR do not depend on leading zeros, AND does.
                _position++;
                return ParseUnary()?.AsInteger is { } anyBit ? ConstantValue.OfInteger(anyBit != 0 ? 1 : 0) : null;
            case "~|" when !_isVhdl:
                _position++;
                return ParseUnary()?.AsInteger is { } noBit ? ConstantValue.OfInteger(noBit == 0 ? 1 : 0) : null;
            case "^" when !_isVhdl:
                _position++;
                return ParseUnary()?.AsInteger is { } parityOf and >= 0 ? ConstantValue.OfInteger(long.PopCount(parityOf) & 1) : null;
            case "&" or "~&" when !_isVhdl:
                return null;
            case "abs" when _isVhdl:
                _position++;
                return ParseUnary() switch
                {
                    { Kind: ConstantKind.Integer } integer => ConstantValue.OfInteger(Math.Abs(integer.Integer)),
                    { Kind: ConstantKind.Real } real => ConstantValue.OfReal(Math.Abs(real.Real)),
                    _ => null,
                };
            default:
                return ParsePrimary();
        }
    }

    private static ConstantValue? Not(ConstantValue? value) => value?.Kind switch
    {
        ConstantKind.Boolean => ConstantValue.OfBoolean(value.Integer == 0),
        ConstantKind.Character => value.Text switch { "0" => ConstantValue.OfCharacter('1'), "1" => ConstantValue.OfCharacter('0'), _ => null },
        ConstantKind.Integer => ConstantValue.OfBoolean(value.Integer == 0),
        _ => null,
    };

    private ConstantValue? ParsePrimary()
    {
        var token = _tokens[_position++];
        if (token == "(")
        {
            var inner = ParseConditional();
            Expect(")");
            return inner;
        }

        if (token[0] == '"')
        {
            return ConstantValue.OfString(token[1..]);
        }

        if (token.Length == 3 && token[0] == '\'' && token[2] == '\'' && _isVhdl)
        {
            return ConstantValue.OfCharacter(token[1]);
        }

        if (token.StartsWith('$') || (Peek() == "(" && IsName(token)))
        {
            return ParseCall(token);
        }

        if (char.IsDigit(token[0]) || token[0] == '\'')
        {
            return ParseNumber(token, _isVhdl);
        }

        if (!IsName(token))
        {
            throw new FormatException($"unexpected '{token}'");
        }

        if (Peek() is { } next && next.StartsWith('\'') && next.Length > 1)
        {
            _position++;
            return Attribute(token, next[1..]);
        }

        var value = _scope.Lookup(token) ?? Lower(token) switch
        {
            "true" => ConstantValue.True,
            "false" => ConstantValue.False,
            _ => null,
        };
        if (!_isVhdl && value is { Kind: ConstantKind.Boolean })
        {
            // A VHDL boolean read from Verilog is the bit 0 or 1.
            value = ConstantValue.OfInteger(value.Integer);
        }

        return !_isVhdl && Accept("[") ? ParseSelect(value) : value;
    }

    /// <summary>`S'length` of a string, the bounds of the predefined integer types; others are not computable.</summary>
    private ConstantValue? Attribute(string prefix, string attribute)
    {
        var name = Lower(attribute);
        switch (Lower(prefix), name)
        {
            case ("integer" or "natural" or "positive", "high"):
                return ConstantValue.OfInteger(int.MaxValue);
            case ("integer", "low"):
                return ConstantValue.OfInteger(int.MinValue);
            case ("natural", "low"):
                return ConstantValue.OfInteger(0);
            case ("positive", "low"):
                return ConstantValue.OfInteger(1);
            default:
                break;
        }

        var value = _scope.Lookup(prefix);
        return value is { Kind: ConstantKind.String } && name == "length" ? ConstantValue.OfInteger(value.Text!.Length) : null;
    }

    /// <summary>A bit select `N[3]` or part select `N[3:0]` of a parameter value (the `[` is already taken).</summary>
    private ConstantValue? ParseSelect(ConstantValue? value)
    {
        var msb = ParseConditional()?.AsInteger;
        var lsb = Accept(":") ? ParseConditional()?.AsInteger : msb;
        Expect("]");
        if (value?.AsInteger is not { } bits || msb is null || lsb is null || lsb < 0 || msb < lsb || msb > 62)
        {
            return null;
        }

        var width = (int)(msb.Value - lsb.Value + 1);
        return ConstantValue.OfInteger((bits >> (int)lsb.Value) & ((1L << width) - 1));
    }

    private ConstantValue? ParseCall(string name)
    {
        Expect("(");
        var arguments = new List<ConstantValue?>();
        if (!Accept(")"))
        {
            do
            {
                if (_isVhdl && Peek(1) == "=>")
                {
                    // Named association: the order of formals is the function's, which we do not match here.
                    return SkipToClose();
                }

                arguments.Add(ParseConditional());
            }
            while (Accept(","));
            Expect(")");
        }

        if (arguments.Any(argument => argument is null))
        {
            return null;
        }

        var values = arguments.Select(argument => argument!).ToList();
        var builtIn = _isVhdl ? VhdlBuiltIn(Lower(name), values) : VerilogBuiltIn(name, values);
        if (builtIn.Known)
        {
            return builtIn.Value;
        }

        return name.StartsWith('$') ? null : _scope.Call(name, values);
    }

    private ConstantValue? SkipToClose()
    {
        var depth = 1;
        while (_position < _tokens.Count && depth > 0)
        {
            depth += _tokens[_position++] switch { "(" => 1, ")" => -1, _ => 0 };
        }

        return null;
    }

    private static (bool Known, ConstantValue? Value) VerilogBuiltIn(string name, List<ConstantValue> arguments) => (name, arguments.Count) switch
    {
        ("$clog2", 1) => (true, arguments[0].AsInteger is { } value ? ConstantValue.OfInteger(Clog2(value)) : null),
        ("$signed" or "$unsigned", 1) => (true, arguments[0]),
        _ => (name.StartsWith('$'), null),
    };

    /// <summary>Type conversions to the predefined scalar types and VHDL-2008's maximum/minimum.</summary>
    private static (bool Known, ConstantValue? Value) VhdlBuiltIn(string name, List<ConstantValue> arguments)
    {
        if (arguments.Count == 1)
        {
            var argument = arguments[0];
            switch (name)
            {
                case "boolean":
                    return (true, argument.Kind == ConstantKind.Boolean ? argument : null);
                case "integer" or "natural" or "positive":
                    return (true, argument.Kind switch
                    {
                        ConstantKind.Integer => argument,

                        // Conversion from real rounds to the nearest integer, halves away from zero (IEEE 1076 9.3.6).
                        ConstantKind.Real => ConstantValue.OfInteger(checked((long)Math.Round(argument.Real, MidpointRounding.AwayFromZero))),
                        _ => null,
                    });
                case "real":
                    return (true, argument.Kind switch
                    {
                        ConstantKind.Integer => ConstantValue.OfReal(argument.Integer),
                        ConstantKind.Real => argument,
                        _ => null,
                    });
                default:
                    break;
            }
        }

        if (arguments.Count == 2 && name is "maximum" or "minimum" && arguments[0].Kind == arguments[1].Kind && Compare(arguments[0], arguments[1]) is { } order)
        {
            return (true, (order >= 0) == (name == "maximum") ? arguments[0] : arguments[1]);
        }

        return (false, null);
    }

    // ---------------------------------------------------------------------------------------------
    // Operators

    private ConstantValue? Apply(string op, ConstantValue left, ConstantValue right)
    {
        switch (op)
        {
            case "==" or "===" or "=":
                return Comparison(Equal(left, right));
            case "!=" or "!==" or "/=":
                return Comparison(Equal(left, right) is { } equal ? !equal : null);
            case "<" or "<=" or ">" or ">=":
                return Compare(left, right) is { } order
                    ? Comparison(op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 })
                    : null;
            case "||" or "&&":
                return left.Truth is { } a && right.Truth is { } b ? ConstantValue.OfInteger((op == "||" ? a || b : a && b) ? 1 : 0) : null;
            case "and" or "or" or "xor" or "nand" or "nor" or "xnor":
                return Logical(op, left, right);
            case "&" when _isVhdl:
                return Concatenate(left, right);
            default:
                break;
        }

        if (left.Kind == ConstantKind.Real || right.Kind == ConstantKind.Real)
        {
            return RealArithmetic(op, left, right);
        }

        if (_isVhdl && (left.Kind != ConstantKind.Integer || right.Kind != ConstantKind.Integer))
        {
            return null;
        }

        return left.AsInteger is { } l && right.AsInteger is { } r ? IntegerArithmetic(op, l, r) : null;
    }

    private ConstantValue Comparison(bool result) => _isVhdl ? ConstantValue.OfBoolean(result) : ConstantValue.OfInteger(result ? 1 : 0);

    private ConstantValue? Comparison(bool? result) => result is { } known ? Comparison(known) : null;

    /// <summary>Equality of two values of the same kind; integers and reals compare by value across kinds.</summary>
    private bool? Equal(ConstantValue left, ConstantValue right)
    {
        if (left.Kind == right.Kind)
        {
            return left.Kind switch
            {
                ConstantKind.Real => left.Real == right.Real,
                ConstantKind.String or ConstantKind.Character => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
                ConstantKind.Enumeration => string.Equals(left.TypeName, right.TypeName, StringComparison.OrdinalIgnoreCase)
                    ? string.Equals(left.Text, right.Text, StringComparison.OrdinalIgnoreCase)
                    : null,
                _ => left.Integer == right.Integer,
            };
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return ToReal(left) == ToReal(right);
        }

        // Verilog compares a string with a number as the string's packed bits; VHDL has no such comparison.
        return !_isVhdl && left.AsInteger is { } l && right.AsInteger is { } r ? l == r : null;
    }

    /// <summary>Order of two values: numbers, strings and characters lexically, enumeration literals by position.</summary>
    private static int? Compare(ConstantValue left, ConstantValue right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return left.Kind == ConstantKind.Integer && right.Kind == ConstantKind.Integer ? left.Integer.CompareTo(right.Integer) : ToReal(left).CompareTo(ToReal(right));
        }

        if (left.Kind != right.Kind)
        {
            return null;
        }

        return left.Kind switch
        {
            ConstantKind.String or ConstantKind.Character => Math.Sign(string.CompareOrdinal(left.Text, right.Text)),
            ConstantKind.Enumeration when string.Equals(left.TypeName, right.TypeName, StringComparison.OrdinalIgnoreCase) => left.Integer.CompareTo(right.Integer),
            ConstantKind.Boolean => left.Integer.CompareTo(right.Integer),
            _ => null,
        };
    }

    /// <summary>VHDL logical operators on booleans, on bits ('0'/'1'), and on a boolean set from Verilog as 0/1.</summary>
    private static ConstantValue? Logical(string op, ConstantValue left, ConstantValue right)
    {
        var bits = left.Kind == ConstantKind.Character && right.Kind == ConstantKind.Character;
        if (left.Kind is ConstantKind.String or ConstantKind.Enumeration or ConstantKind.Real || right.Kind is ConstantKind.String or ConstantKind.Enumeration or ConstantKind.Real)
        {
            return null;
        }

        if (left.Truth is not { } a || right.Truth is not { } b)
        {
            return null;
        }

        var result = op switch
        {
            "and" => a && b,
            "or" => a || b,
            "xor" => a ^ b,
            "nand" => !(a && b),
            "nor" => !(a || b),
            _ => a == b,
        };
        return bits ? ConstantValue.OfCharacter(result ? '1' : '0') : ConstantValue.OfBoolean(result);
    }

    private static ConstantValue? Concatenate(ConstantValue left, ConstantValue right) =>
        left.Kind is ConstantKind.String or ConstantKind.Character && right.Kind is ConstantKind.String or ConstantKind.Character
            ? ConstantValue.OfString(left.Text + right.Text)
            : null;

    private static bool IsNumber(ConstantValue value) => value.Kind is ConstantKind.Integer or ConstantKind.Real;

    private static double ToReal(ConstantValue value) => value.Kind == ConstantKind.Real ? value.Real : value.Integer;

    private ConstantValue? RealArithmetic(string op, ConstantValue left, ConstantValue right)
    {
        if (!IsNumber(left) || !IsNumber(right) || (_isVhdl && left.Kind != right.Kind && op is "+" or "-"))
        {
            return null;
        }

        var (l, r) = (ToReal(left), ToReal(right));
        double? result = op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" when r != 0 => l / r,
            _ => null,
        };
        return result is { } value && double.IsFinite(value) ? ConstantValue.OfReal(value) : null;
    }

    private static ConstantValue? IntegerArithmetic(string op, long left, long right)
    {
        long? result = op switch
        {
            "|" => left | right,
            "^" => left ^ right,
            "~^" or "^~" => ~(left ^ right),
            "&" => left & right,
            "<<" or "<<<" or "sll" or "sla" => right is >= 0 and < 64 ? left << (int)right : null,
            ">>" or "srl" => right is >= 0 and < 64 ? (long)((ulong)left >> (int)right) : null,
            ">>>" or "sra" => right is >= 0 and < 64 ? left >> (int)right : null,
            "+" => checked(left + right),
            "-" => checked(left - right),
            "*" => checked(left * right),
            "/" => left / right,
            "%" or "rem" => left % right,
            "mod" => ((left % right) + right) % right,
            _ => null,
        };
        return result is { } value ? ConstantValue.OfInteger(value) : null;
    }

    private static ConstantValue? Power(ConstantValue value, ConstantValue exponent)
    {
        if (exponent.Kind != ConstantKind.Integer || exponent.Integer < 0)
        {
            return null;
        }

        if (value.Kind == ConstantKind.Real)
        {
            return ConstantValue.OfReal(Math.Pow(value.Real, exponent.Integer));
        }

        if (value.AsInteger is not { } integer)
        {
            return null;
        }

        long result = 1;
        for (long step = 0; step < exponent.Integer; step++)
        {
            result = checked(result * integer);
        }

        return ConstantValue.OfInteger(result);
    }

    // ---------------------------------------------------------------------------------------------
    // Literals

    /// <summary>
    /// Decimal, Verilog `8'hFF` / `'d5` / `4'b1010`, VHDL `16#FF#`, reals (`1.5`, `2.0e6`; `1e6` is an integer in
    /// VHDL and a real in Verilog); x and z digits are not computable.
    /// </summary>
    private static ConstantValue? ParseNumber(string token, bool isVhdl)
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
                return rest == "0" ? ConstantValue.OfInteger(0) : null;
            }

            return ParseDigits(rest[1..], radix) is { } based ? ConstantValue.OfInteger(based) : null;
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0 && text.EndsWith('#'))
        {
            return int.TryParse(text[..hash], NumberStyles.None, CultureInfo.InvariantCulture, out var vhdlRadix) && vhdlRadix is >= 2 and <= 16
                && ParseDigits(text[(hash + 1)..^1].ToLowerInvariant(), vhdlRadix) is { } vhdlBased
                ? ConstantValue.OfInteger(vhdlBased)
                : null;
        }

        var exponentAt = text.IndexOfAny(['e', 'E']);
        if (text.Contains('.', StringComparison.Ordinal) || (exponentAt > 0 && !isVhdl))
        {
            return double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
                ? ConstantValue.OfReal(real)
                : null;
        }

        if (exponentAt > 0)
        {
            // A VHDL integer literal with an exponent: 1E6.
            return long.TryParse(text[..exponentAt], NumberStyles.None, CultureInfo.InvariantCulture, out var mantissa)
                && int.TryParse(text[(exponentAt + 1)..].TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var exponent)
                && Power(ConstantValue.OfInteger(10), ConstantValue.OfInteger(exponent)) is { } scale
                ? ConstantValue.OfInteger(checked(mantissa * scale.Integer))
                : null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? ConstantValue.OfInteger(value) : null;
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

    private static string Lower(string token) => token.ToLowerInvariant();

    private string? Peek(int ahead = 0) => _position + ahead < _tokens.Count ? _tokens[_position + ahead] : null;

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && string.Equals(_tokens[_position], token, _isVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
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

    // ---------------------------------------------------------------------------------------------
    // Tokens

    private static readonly string[] Operators =
    [
        "<<<", ">>>", "===", "!==",
        "**", "<<", ">>", "<=", ">=", "==", "!=", "/=", "&&", "||", "~^", "^~", "~|", "~&", "::", "=>",
        "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", "(", ")", ",", "[", "]",
    ];

    /// <summary>
    /// Splits an expression into tokens; names keep their package or library prefix (`pkg::N`, `work.pkg.N`). A
    /// string literal is one token: `"` and its characters (a VHDL bit string as its bits). In VHDL `'c'` is a
    /// character and `'name` after a name an attribute.
    /// </summary>
    private static List<string>? Tokenize(string text, bool isVhdl)
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
            if (c == '"')
            {
                if (ReadString(text, ref index, isVhdl) is not { } literal)
                {
                    return null;
                }

                tokens.Add("\"" + literal);
                continue;
            }

            if (isVhdl && c == '\'')
            {
                var afterName = tokens.Count > 0 && (IsName(tokens[^1]) || tokens[^1] == ")");
                if (afterName && index + 1 < text.Length && char.IsLetter(text[index + 1]))
                {
                    // An attribute: T'high, S'length.
                    index++;
                    while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_'))
                    {
                        index++;
                    }

                    tokens.Add(text[start..index]);
                    continue;
                }

                if (afterName && index + 1 < text.Length && text[index + 1] == '(')
                {
                    // A qualified expression T'(x) has the value of x.
                    tokens.RemoveAt(tokens.Count - 1);
                    index++;
                    continue;
                }

                if (index + 2 < text.Length && text[index + 2] == '\'')
                {
                    tokens.Add(text.Substring(index, 3));
                    index += 3;
                    continue;
                }

                return null;
            }

            if (isVhdl && char.IsLetter(c) && BitStringLength(text, index) is { } prefixLength)
            {
                index += prefixLength;
                if (ReadString(text, ref index, isVhdl: true) is not { } digits || BitString(text[start..(start + prefixLength)], digits) is not { } bits)
                {
                    return null;
                }

                tokens.Add("\"" + bits);
                continue;
            }

            if (char.IsDigit(c) || (!isVhdl && c == '\'' && index + 1 < text.Length && char.IsLetterOrDigit(text[index + 1])))
            {
                // A number, possibly sized and based: 8'hFF, 'd5, 16#FF#, 1_000, 1.5e-3.
                index++;
                while (index < text.Length)
                {
                    var next = text[index];
                    if (char.IsLetterOrDigit(next) || next is '_' || (next is '\'' && !isVhdl) || (next is '#' && isVhdl))
                    {
                        index++;
                    }
                    else if (next == '.' && index + 1 < text.Length && char.IsDigit(text[index + 1]))
                    {
                        index++;
                    }
                    else if (next is '+' or '-' && text[index - 1] is 'e' or 'E' && !text[start..index].Contains('\'', StringComparison.Ordinal) && !text[start..index].Contains('#', StringComparison.Ordinal))
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
                // Concatenations, assignment patterns, casts and the like: not a constant we evaluate.
                return null;
            }
        }

        return tokens;
    }

    /// <summary>The characters of a string literal at <paramref name="index"/> (`""` in VHDL, `\"` in Verilog), moving past it.</summary>
    private static string? ReadString(string text, ref int index, bool isVhdl)
    {
        var value = new StringBuilder();
        index++;
        while (index < text.Length)
        {
            var c = text[index++];
            if (c == '"')
            {
                if (isVhdl && index < text.Length && text[index] == '"')
                {
                    value.Append('"');
                    index++;
                    continue;
                }

                return value.ToString();
            }

            if (!isVhdl && c == '\\' && index < text.Length)
            {
                var escaped = text[index++];
                value.Append(escaped switch { 'n' => '\n', 't' => '\t', _ => escaped });
                continue;
            }

            value.Append(c);
        }

        return null;
    }

    /// <summary>The length of a VHDL bit-string prefix (`x`, `b`, `o`, `8ux`...) before a quote, if there is one.</summary>
    private static int? BitStringLength(string text, int index)
    {
        var end = index;
        while (end < text.Length && char.IsLetter(text[end]) && end - index < 2)
        {
            end++;
        }

        if (end >= text.Length || text[end] != '"')
        {
            return null;
        }

        var prefix = text[index..end].ToLowerInvariant();
        return prefix is "x" or "b" or "o" or "ux" or "ub" or "uo" ? end - index : null;
    }

    /// <summary>The bits of a VHDL bit-string literal (x"0F" = "00001111"); null when it has other than 0/1 digits.</summary>
    private static string? BitString(string prefix, string digits)
    {
        var bitsPerDigit = char.ToLowerInvariant(prefix[^1]) switch { 'x' => 4, 'o' => 3, _ => 1 };
        var bits = new StringBuilder();
        foreach (var digit in digits.Replace("_", string.Empty, StringComparison.Ordinal))
        {
            var lower = char.ToLowerInvariant(digit);
            var value = lower switch
            {
                >= '0' and <= '9' => lower - '0',
                >= 'a' and <= 'f' => lower - 'a' + 10,
                _ => 99,
            };
            if (value >= 1 << bitsPerDigit)
            {
                return null;
            }

            for (var bit = bitsPerDigit - 1; bit >= 0; bit--)
            {
                bits.Append((value >> bit & 1) == 1 ? '1' : '0');
            }
        }

        return bits.ToString();
    }
}
