namespace Hdl.Design.Binding;

/// <summary>
/// Names the VHDL standard libraries declare (std.standard, std.textio, std.env, ieee.std_logic_1164, numeric_std,
/// numeric_bit, math_real and the widespread Synopsys packages). The workspace does not hold those libraries, so a use
/// of one of these names is never reported as unresolved.
/// </summary>
public static class VhdlPredefined
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        // std.standard
        "boolean", "false", "true", "bit", "character", "severity_level", "note", "warning", "error", "failure", "integer",
        "natural", "positive", "real", "time", "delay_length", "now", "string", "bit_vector", "boolean_vector",
        "integer_vector", "real_vector", "time_vector", "file_open_kind", "read_mode", "write_mode", "append_mode",
        "file_open_status", "open_ok", "status_error", "name_error", "mode_error", "fs", "ps", "ns", "us", "ms", "sec",
        "min", "hr", "nul", "minimum", "maximum", "to_string", "to_hstring", "to_ostring", "to_bstring", "rising_edge",
        "falling_edge", "deallocate", "file_open", "file_close", "endfile", "read", "write", "flush", "universal_integer",
        "universal_real", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt", "ff", "cr", "so", "si",
        "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fsp", "gsp", "rsp", "usp", "del",
        // std.textio
        "line", "text", "side", "width", "right", "left", "input", "output", "readline", "writeline", "hread", "hwrite",
        "oread", "owrite", "bread", "bwrite", "sread", "swrite", "justify", "tee", "string_read",
        // std.env
        "stop", "finish", "resolution_limit", "call_path_element", "call_path_vector", "call_path_vector_ptr", "get_call_path",
        "file_name", "file_path", "file_line", "localtime", "gmtime", "epoch", "time_record", "dir_open", "dir_close",
        "getenv", "vhdl_version", "tool_type", "tool_vendor", "tool_name", "tool_edition", "tool_version",
        // ieee.std_logic_1164
        "std_ulogic", "std_logic", "std_ulogic_vector", "std_logic_vector", "resolved", "x01", "x01z", "ux01", "ux01z",
        "to_bit", "to_bitvector", "to_stdulogic", "to_stdlogicvector", "to_stdulogicvector", "to_x01", "to_x01z", "to_ux01",
        "is_x", "to_bv", "to_slv", "to_sulv", "to_std_logic_vector", "to_std_ulogic_vector",
        // ieee.numeric_std / numeric_bit
        "unsigned", "signed", "unresolved_unsigned", "unresolved_signed", "u_unsigned", "u_signed", "to_integer",
        "to_unsigned", "to_signed", "resize", "shift_left", "shift_right", "rotate_left", "rotate_right", "std_match",
        "to_01", "find_leftmost", "find_rightmost",
        // ieee.math_real
        "math_e", "math_1_over_e", "math_pi", "math_2_pi", "math_1_over_pi", "math_pi_over_2", "math_pi_over_3",
        "math_pi_over_4", "math_3_pi_over_2", "math_log_of_2", "math_log_of_10", "math_log2_of_e", "math_log10_of_e",
        "math_sqrt_2", "math_1_over_sqrt_2", "math_sqrt_pi", "math_deg_to_rad", "math_rad_to_deg", "sign", "ceil",
        "floor", "round", "trunc", "realmax", "realmin", "uniform", "sqrt", "cbrt", "exp", "log", "log2", "log10", "sin",
        "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
        // ieee.std_logic_arith / std_logic_unsigned / std_logic_signed / std_logic_misc
        "conv_integer", "conv_unsigned", "conv_signed", "conv_std_logic_vector", "ext", "sxt", "shl", "shr",
        "and_reduce", "or_reduce", "xor_reduce", "nand_reduce", "nor_reduce", "xnor_reduce",
    };

    public static bool Contains(string name) => Names.Contains(name);

    private static readonly HashSet<string> KnownPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        "std.standard", "std.textio", "std.env", "ieee.std_logic_1164", "ieee.numeric_std", "ieee.numeric_bit", "ieee.math_real",
        "ieee.std_logic_arith", "ieee.std_logic_unsigned", "ieee.std_logic_signed", "ieee.std_logic_misc", "ieee.numeric_std_unsigned",
    };

    /// <summary>The standard packages whose names <see cref="Contains"/> knows: a `use` of one hides no other name.</summary>
    public static bool IsKnownPackage(string? library, string package) => KnownPackages.Contains($"{library}.{package}");

    /// <summary>Libraries the IEEE standard defines: their packages are not expected in a workspace.</summary>
    public static bool IsStandardLibrary(string? library) =>
        string.Equals(library, "ieee", StringComparison.OrdinalIgnoreCase) || string.Equals(library, "std", StringComparison.OrdinalIgnoreCase);
}
