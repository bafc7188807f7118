using Hdl.Design.Model;

namespace Hdl.Workspace.Elaboration;

/// <summary>
/// The parameter values of one elaborated unit. Each name holds an expression and the environment it is evaluated
/// in (the parent's for an override, this one for a default), evaluated on first use, so declaration order does not
/// matter and a cycle yields "not computable" instead of a hang. Names not declared here fall back to packages, and
/// calls to the design's functions go to <c>call</c>. A value crossing languages (an override written in the other
/// language) is converted to what the receiving parameter holds: a VHDL boolean read by Verilog is 0 or 1, a Verilog
/// 0 or 1 given to a VHDL boolean or bit generic is false/true or '0'/'1'.
/// </summary>
internal sealed class ParameterEnvironment : IConstantScope
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly Func<string, ConstantValue?> _fallback;
    private readonly Func<string, IReadOnlyList<ConstantValue>, ConstantValue?>? _call;

    public ParameterEnvironment(bool isVhdl, Func<string, ConstantValue?> fallback, Func<string, IReadOnlyList<ConstantValue>, ConstantValue?>? call = null)
    {
        IsVhdl = isVhdl;
        _entries = new Dictionary<string, Entry>(isVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _fallback = fallback;
        _call = call;
    }

    /// <summary>VHDL names ignore case and expressions are VHDL; otherwise Verilog/SystemVerilog.</summary>
    public bool IsVhdl { get; }

    /// <summary>An environment with no names of its own: every lookup goes to the fallback.</summary>
    public static ParameterEnvironment Empty(Func<string, ConstantValue?> fallback) => new(isVhdl: false, fallback);

    /// <summary>A default or constant: evaluated in this environment (or <paramref name="evaluateIn"/>).</summary>
    public void Define(string name, string? expression, ParameterEnvironment? evaluateIn, string? declaredType = null) =>
        _entries[name] = new Entry(expression, evaluateIn ?? this, isOverride: false, declaredType);

    /// <summary>An override written at the instance: evaluated in the instantiating unit's environment.</summary>
    public void DefineOverride(string name, string expression, ParameterEnvironment parentEnvironment, string? declaredType = null) =>
        _entries[name] = new Entry(expression, parentEnvironment, isOverride: true, declaredType);

    /// <summary>A name whose value is known without an expression (an enumeration literal, a function argument).</summary>
    public void DefineValue(string name, ConstantValue value) =>
        _entries[name] = new Entry(null, this, isOverride: false, declaredType: null) { Value = value, State = EntryState.Evaluated };

    public bool Defines(string name) => _entries.ContainsKey(name);

    public bool IsOverridden(string name) => _entries.TryGetValue(name, out var entry) && entry.IsOverride;

    public string? ExpressionOf(string name) => _entries.TryGetValue(name, out var entry) ? entry.Expression : null;

    public ConstantValue? Lookup(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return _fallback(name);
        }

        switch (entry.State)
        {
            case EntryState.Evaluated:
                return entry.Value;
            case EntryState.InProgress:
                // A parameter defined through itself: not computable.
                return null;
            default:
                entry.State = EntryState.InProgress;
                entry.Value = Receive(entry.EvaluateIn.Evaluate(entry.Expression), entry.DeclaredType);
                entry.State = EntryState.Evaluated;
                return entry.Value;
        }
    }

    public ConstantValue? Call(string name, IReadOnlyList<ConstantValue> arguments) => _call?.Invoke(name, arguments);

    public ConstantValue? Evaluate(string? expression) => ConstantEvaluator.Evaluate(expression, this, IsVhdl);

    /// <summary>The expression's value when it is an integer (or a Verilog bit), for widths and loop bounds.</summary>
    public long? EvaluateInteger(string? expression) => Evaluate(expression) is { Kind: ConstantKind.Integer } value ? value.Integer : null;

    /// <summary>The value as this unit's language and the parameter's declared type hold it.</summary>
    private ConstantValue? Receive(ConstantValue? value, string? declaredType)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsVhdl)
        {
            return value.Kind is ConstantKind.Boolean or ConstantKind.Character && value.AsInteger is { } bit ? ConstantValue.OfInteger(bit) : value;
        }

        var type = declaredType?.Trim().ToLowerInvariant();
        return (type, value.Kind) switch
        {
            ("boolean", ConstantKind.Integer) when value.Integer is 0 or 1 => ConstantValue.OfBoolean(value.Integer == 1),
            ("std_logic" or "std_ulogic" or "bit", ConstantKind.Integer) when value.Integer is 0 or 1 => ConstantValue.OfCharacter(value.Integer == 1 ? '1' : '0'),
            ("real", ConstantKind.Integer) => ConstantValue.OfReal(value.Integer),
            _ => value,
        };
    }

    private enum EntryState
    {
        NotEvaluated,
        InProgress,
        Evaluated,
    }

    private sealed class Entry(string? expression, ParameterEnvironment evaluateIn, bool isOverride, string? declaredType)
    {
        public string? Expression { get; } = expression;

        public ParameterEnvironment EvaluateIn { get; } = evaluateIn;

        public bool IsOverride { get; } = isOverride;

        public string? DeclaredType { get; } = declaredType;

        public ConstantValue? Value { get; set; }

        public EntryState State { get; set; }
    }
}

/// <summary>Widths of port types in bits, from packed dimensions (Verilog) or index constraints (VHDL).</summary>
internal static class TypeWidth
{
    private static readonly HashSet<string> OneBitVerilogWords = new(StringComparer.Ordinal)
    {
        "logic", "wire", "reg", "bit", "signed", "unsigned", "var", "tri", "tri0", "tri1", "wand", "wor", "triand", "trior", "uwire", "supply0", "supply1",
    };

    private static readonly Dictionary<string, int> VerilogIntegerWidths = new(StringComparer.Ordinal)
    {
        ["int"] = 32, ["integer"] = 32, ["shortint"] = 16, ["longint"] = 64, ["byte"] = 8, ["time"] = 64,
    };

    private static readonly HashSet<string> VhdlVectorTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "std_logic_vector", "std_ulogic_vector", "unsigned", "signed", "bit_vector", "ieee.numeric_std.unsigned", "ieee.numeric_std.signed",
    };

    private static readonly HashSet<string> VhdlBitTypes = new(StringComparer.OrdinalIgnoreCase) { "std_logic", "std_ulogic", "bit" };

    public static int? Of(TypeSymbol type, bool isVhdl, ParameterEnvironment environment)
    {
        if (type.Width is { } known)
        {
            return known;
        }

        return isVhdl ? OfVhdl(type.Text, environment) : OfVerilog(type, environment);
    }

    private static int? OfVerilog(TypeSymbol type, ParameterEnvironment environment)
    {
        if (!type.UnpackedDimensions.IsDefaultOrEmpty)
        {
            return null;
        }

        var text = type.Text;
        var dimensions = new List<string>();
        var words = new System.Text.StringBuilder();
        var depth = 0;
        var start = 0;
        for (var index = 0; index < text.Length; index++)
        {
            if (text[index] == '[')
            {
                if (depth++ == 0)
                {
                    start = index + 1;
                }
            }
            else if (text[index] == ']' && depth > 0 && --depth == 0)
            {
                dimensions.Add(text[start..index]);
            }
            else if (depth == 0)
            {
                words.Append(text[index]);
            }
        }

        if (dimensions.Count == 0 && !type.PackedDimensions.IsDefaultOrEmpty)
        {
            dimensions.AddRange(type.PackedDimensions.Select(dimension => dimension.Trim().TrimStart('[').TrimEnd(']')));
        }

        long width = 1;
        foreach (var word in words.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (VerilogIntegerWidths.TryGetValue(word, out var integerWidth))
            {
                width = integerWidth;
            }
            else if (!OneBitVerilogWords.Contains(word) && word is not ("input" or "output" or "inout"))
            {
                // A typedef, struct or interface: its width needs type resolution we do not do here.
                return null;
            }
        }

        foreach (var dimension in dimensions)
        {
            var length = RangeLength(dimension, ":", environment) ?? (dimension.Contains(':', StringComparison.Ordinal) ? null : environment.EvaluateInteger(dimension));
            if (length is null or <= 0)
            {
                return null;
            }

            width *= length.Value;
        }

        return width <= int.MaxValue ? (int)width : null;
    }

    private static int? OfVhdl(string text, ParameterEnvironment environment)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return VhdlBitTypes.Contains(text.Trim()) ? 1 : null;
        }

        var mark = text[..open].Trim();
        var close = text.LastIndexOf(')');
        if (!VhdlVectorTypes.Contains(mark) || close < open)
        {
            return null;
        }

        var constraint = text[(open + 1)..close];
        var length = RangeLength(constraint, " downto ", environment) ?? RangeLength(constraint, " to ", environment);
        return length is > 0 and <= int.MaxValue ? (int)length.Value : null;
    }

    /// <summary>|left - right| + 1 for `left SEP right`, or null when it does not split or does not evaluate.</summary>
    private static long? RangeLength(string range, string separator, ParameterEnvironment environment)
    {
        var at = range.IndexOf(separator, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || range.IndexOf(separator, at + separator.Length, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return null;
        }

        var left = environment.EvaluateInteger(range[..at]);
        var right = environment.EvaluateInteger(range[(at + separator.Length)..]);
        return left is null || right is null ? null : Math.Abs(left.Value - right.Value) + 1;
    }
}
