using System.Globalization;

namespace Hdl.Workspace.Elaboration;

/// <summary>What kind of value a constant expression computed.</summary>
public enum ConstantKind
{
    Integer,
    Real,
    Boolean,

    /// <summary>A string: a Verilog string parameter, a VHDL string constant or a bit-string literal's bits.</summary>
    String,

    /// <summary>A VHDL character literal, which is also how std_logic and bit values are written ('0', '1', 'Z').</summary>
    Character,

    /// <summary>A VHDL enumeration literal: its type, its position in the type and its name.</summary>
    Enumeration,
}

/// <summary>
/// The value of a constant expression in either language. Verilog has only numbers and strings (a comparison is the
/// integer 0 or 1); VHDL adds booleans, characters and enumeration literals, which are distinct from integers.
/// </summary>
public sealed record ConstantValue
{
    private ConstantValue(ConstantKind kind, long integer, double real, string? text, string? typeName)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
        TypeName = typeName;
    }

    public ConstantKind Kind { get; }

    /// <summary>The integer, the boolean as 0/1, or the position of an enumeration literal.</summary>
    public long Integer { get; }

    public double Real { get; }

    /// <summary>The string, the character, or the enumeration literal's name.</summary>
    public string? Text { get; }

    /// <summary>For an enumeration literal, the type that declares it.</summary>
    public string? TypeName { get; }

    public static readonly ConstantValue True = new(ConstantKind.Boolean, 1, 0, null, null);

    public static readonly ConstantValue False = new(ConstantKind.Boolean, 0, 0, null, null);

    public static ConstantValue OfInteger(long value) => new(ConstantKind.Integer, value, 0, null, null);

    public static ConstantValue OfReal(double value) => new(ConstantKind.Real, 0, value, null, null);

    public static ConstantValue OfBoolean(bool value) => value ? True : False;

    public static ConstantValue OfString(string value) => new(ConstantKind.String, 0, 0, value, null);

    public static ConstantValue OfCharacter(char value) => new(ConstantKind.Character, 0, 0, value.ToString(), null);

    public static ConstantValue OfEnumeration(string typeName, string name, int position) => new(ConstantKind.Enumeration, position, 0, name, typeName);

    /// <summary>
    /// The value as an integer where that is what either language means by it: an integer, a boolean or bit as 0/1
    /// (what a Verilog parameter receives from VHDL), a string of at most 8 characters as Verilog packs it.
    /// </summary>
    public long? AsInteger => Kind switch
    {
        ConstantKind.Integer => Integer,
        ConstantKind.Boolean => Integer,
        ConstantKind.Character => Text switch { "0" or "L" or "l" => 0, "1" or "H" or "h" => 1, _ => null },
        ConstantKind.String => PackVerilogString(Text!),
        _ => null,
    };

    /// <summary>Verilog stores a string as 8-bit characters, the first one highest; more than 8 do not fit a long.</summary>
    private static long? PackVerilogString(string text)
    {
        if (text.Length > 8)
        {
            return null;
        }

        long packed = 0;
        foreach (var character in text)
        {
            if (character > 0x7F)
            {
                return null;
            }

            packed = (packed << 8) | character;
        }

        return packed;
    }

    /// <summary>The value as a condition: booleans, nonzero numbers, '1'/'H' and '0'/'L' (VHDL-2008's `??`); else unknown.</summary>
    public bool? Truth => Kind switch
    {
        ConstantKind.Real => Real != 0,
        ConstantKind.String or ConstantKind.Enumeration => null,
        _ => AsInteger is { } number ? number != 0 : null,
    };

    /// <summary>A real always shows it is one (`125000000.0`), so it is not mistaken for an integer.</summary>
    private static string RealText(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) || !double.IsFinite(value) ? text : text + ".0";
    }

    public override string ToString() => Kind switch
    {
        ConstantKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        ConstantKind.Real => RealText(Real),
        ConstantKind.Boolean => Integer != 0 ? "true" : "false",
        ConstantKind.String => $"\"{Text}\"",
        ConstantKind.Character => $"'{Text}'",
        _ => Text!,
    };
}
