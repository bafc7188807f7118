using System.Collections.Immutable;

namespace Hdl.Workspace.Features.Completion;

/// <summary>A system task or function: its name, arguments as written in the standard, and what it does.</summary>
internal sealed record SystemName(string Name, ImmutableArray<string> Arguments, string Documentation, bool IsFunction);

/// <summary>A snippet: its label, the levels where it fits, LSP snippet text, and what it expands to.</summary>
internal sealed record SnippetTemplate(string Label, CodeLevel Level, string Body, string Documentation);

/// <summary>
/// The fixed words of each language: keywords by the code level where they start something, system tasks and
/// functions (IEEE 1800-2017 §20, §21), VHDL predefined attributes, and snippets. Data only.
/// </summary>
internal static class Vocabulary
{
    public static readonly ImmutableArray<string> SvOutside =
    [
        "module", "endmodule", "interface", "endinterface", "package", "endpackage", "program", "endprogram", "class", "endclass",
        "import", "typedef", "timeunit", "timeprecision", "function", "task", "parameter", "localparam", "checker", "config", "primitive", "bind",
    ];

    public static readonly ImmutableArray<string> SvModuleItem =
    [
        "logic", "wire", "reg", "bit", "byte", "int", "integer", "longint", "shortint", "real", "time", "string", "signed", "unsigned",
        "input", "output", "inout", "ref", "parameter", "localparam", "typedef", "enum", "struct", "union", "packed", "import", "export",
        "assign", "always", "always_ff", "always_comb", "always_latch", "initial", "final", "generate", "endgenerate", "genvar",
        "for", "if", "else", "case", "begin", "end", "function", "endfunction", "task", "endtask", "automatic", "modport",
        "assert", "assume", "cover", "property", "endproperty", "sequence", "endsequence", "covergroup", "endgroup", "clocking", "endclocking",
        "default", "defparam", "specify", "endspecify", "supply0", "supply1", "tri", "wand", "wor", "var", "const", "static", "virtual",
        "endmodule", "endinterface", "endpackage", "endprogram", "endclass",
    ];

    public static readonly ImmutableArray<string> SvStatement =
    [
        "if", "else", "case", "casez", "casex", "endcase", "unique", "unique0", "priority", "default", "inside",
        "for", "foreach", "while", "do", "repeat", "forever", "begin", "end", "fork", "join", "join_any", "join_none",
        "return", "break", "continue", "wait", "disable", "assert", "assume", "cover", "automatic", "logic", "int", "bit", "integer",
        "posedge", "negedge", "endfunction", "endtask", "void",
    ];

    public static readonly ImmutableArray<string> SvExpression = ["inside", "posedge", "negedge", "signed", "unsigned", "null", "this", "super", "type", "iff"];

    public static readonly ImmutableArray<string> VhdlOutside =
    [
        "library", "use", "context", "entity", "architecture", "package", "body", "configuration", "is", "of", "begin", "end", "all", "work",
        "port", "generic", "in", "out", "inout", "buffer",
    ];

    public static readonly ImmutableArray<string> VhdlDeclarative =
    [
        "signal", "constant", "variable", "shared", "type", "subtype", "is", "array", "of", "record", "range", "to", "downto",
        "component", "end", "function", "procedure", "impure", "pure", "return", "attribute", "alias", "file", "begin", "port", "generic",
        "in", "out", "inout", "buffer", "use", "others",
    ];

    public static readonly ImmutableArray<string> VhdlConcurrent =
    [
        "process", "end", "begin", "block", "generate", "for", "in", "if", "else", "elsif", "when", "with", "select", "assert", "report",
        "severity", "entity", "component", "configuration", "port", "generic", "map", "open", "others", "postponed", "all",
    ];

    public static readonly ImmutableArray<string> VhdlSequential =
    [
        "if", "then", "elsif", "else", "end", "case", "is", "when", "others", "for", "in", "to", "downto", "loop", "while", "next", "exit",
        "wait", "until", "on", "return", "null", "report", "assert", "severity", "rising_edge", "falling_edge", "and", "or", "not",
    ];

    public static readonly ImmutableArray<string> VhdlExpression =
    [
        "and", "or", "xor", "nand", "nor", "xnor", "not", "mod", "rem", "abs", "others", "open", "to", "downto", "rising_edge", "falling_edge",
        "to_unsigned", "to_signed", "to_integer", "resize", "std_logic_vector", "unsigned", "signed",
    ];

    public static readonly ImmutableArray<(string Name, string Documentation)> VhdlAttributes =
    [
        ("event", "True when the signal changed in the current delta cycle."),
        ("range", "The index range of an array."),
        ("reverse_range", "The index range of an array, reversed."),
        ("length", "The number of elements of an array."),
        ("high", "The upper bound of a scalar type or an array index."),
        ("low", "The lower bound of a scalar type or an array index."),
        ("left", "The left bound of a scalar type or an array index."),
        ("right", "The right bound of a scalar type or an array index."),
        ("stable", "A signal that is true while the prefix did not change."),
        ("last_value", "The value of the signal before its last change."),
        ("image", "The string image of a value: `T'image(x)`."),
        ("value", "The value a string denotes: `T'value(s)`."),
        ("pos", "The position number of a value of a discrete type."),
        ("val", "The value at a position number of a discrete type."),
        ("succ", "The successor of a value."),
        ("pred", "The predecessor of a value."),
        ("subtype", "The subtype of an object (VHDL-2008)."),
        ("element", "The element subtype of an array (VHDL-2008)."),
    ];

    public static readonly ImmutableArray<SystemName> SystemNames =
    [
        new("$display", ["format", "args..."], "Prints the formatted arguments and a newline.", false),
        new("$write", ["format", "args..."], "Prints the formatted arguments without a newline.", false),
        new("$strobe", ["format", "args..."], "Prints the formatted arguments at the end of the time step.", false),
        new("$monitor", ["format", "args..."], "Prints the arguments whenever one of them changes.", false),
        new("$info", ["format", "args..."], "Reports an informational message (severity task).", false),
        new("$warning", ["format", "args..."], "Reports a warning (severity task).", false),
        new("$error", ["format", "args..."], "Reports an error (severity task).", false),
        new("$fatal", ["finish_number", "format", "args..."], "Reports a fatal error and ends the simulation.", false),
        new("$finish", ["finish_number"], "Ends the simulation.", false),
        new("$stop", ["finish_number"], "Suspends the simulation.", false),
        new("$time", [], "The current simulation time as a 64-bit integer.", true),
        new("$stime", [], "The current simulation time as a 32-bit integer.", true),
        new("$realtime", [], "The current simulation time as a real number.", true),
        new("$clog2", ["n"], "The ceiling of log2 of n: the address width of n entries.", true),
        new("$bits", ["expression_or_type"], "The number of bits of an expression or type.", true),
        new("$size", ["array", "dimension"], "The number of elements of an array dimension.", true),
        new("$high", ["array", "dimension"], "The upper bound of an array dimension.", true),
        new("$low", ["array", "dimension"], "The lower bound of an array dimension.", true),
        new("$left", ["array", "dimension"], "The left bound of an array dimension.", true),
        new("$right", ["array", "dimension"], "The right bound of an array dimension.", true),
        new("$dimensions", ["array"], "The number of dimensions of an array.", true),
        new("$signed", ["value"], "The value, as signed.", true),
        new("$unsigned", ["value"], "The value, as unsigned.", true),
        new("$countones", ["value"], "The number of bits set to 1.", true),
        new("$onehot", ["value"], "True when exactly one bit is 1.", true),
        new("$onehot0", ["value"], "True when at most one bit is 1.", true),
        new("$isunknown", ["value"], "True when any bit is X or Z.", true),
        new("$past", ["expression", "ticks", "gating", "clocking"], "The value of the expression in an earlier clock tick (assertions).", true),
        new("$rose", ["expression", "clocking"], "True when the expression rose since the last clock tick.", true),
        new("$fell", ["expression", "clocking"], "True when the expression fell since the last clock tick.", true),
        new("$stable", ["expression", "clocking"], "True when the expression did not change since the last clock tick.", true),
        new("$changed", ["expression", "clocking"], "True when the expression changed since the last clock tick.", true),
        new("$random", ["seed"], "A 32-bit signed random number.", true),
        new("$urandom", ["seed"], "A 32-bit unsigned random number.", true),
        new("$urandom_range", ["maxval", "minval"], "An unsigned random number in a range.", true),
        new("$readmemh", ["filename", "memory", "start", "finish"], "Loads a memory from a file of hexadecimal values.", false),
        new("$readmemb", ["filename", "memory", "start", "finish"], "Loads a memory from a file of binary values.", false),
        new("$writememh", ["filename", "memory", "start", "finish"], "Writes a memory to a file in hexadecimal.", false),
        new("$fopen", ["filename", "mode"], "Opens a file and returns its descriptor.", true),
        new("$fclose", ["fd"], "Closes a file.", false),
        new("$fwrite", ["fd", "format", "args..."], "Writes formatted text to a file.", false),
        new("$fdisplay", ["fd", "format", "args..."], "Writes formatted text and a newline to a file.", false),
        new("$sformatf", ["format", "args..."], "The formatted string.", true),
        new("$dumpfile", ["filename"], "Names the VCD file.", false),
        new("$dumpvars", ["levels", "scope"], "Dumps variables to the VCD file.", false),
        new("$value$plusargs", ["format", "variable"], "Reads a `+name=value` argument of the simulator command line.", true),
        new("$test$plusargs", ["string"], "True when the simulator command line has `+string`.", true),
        new("$cast", ["destination", "source"], "Assigns with a run-time type check.", true),
        new("$assertoff", ["levels", "scope"], "Disables assertions.", false),
        new("$asserton", ["levels", "scope"], "Enables assertions.", false),
    ];

    private static readonly System.Collections.Frozen.FrozenSet<string> SvKeywords =
        System.Collections.Frozen.FrozenSet.ToFrozenSet([.. SvOutside, .. SvModuleItem, .. SvStatement, .. SvExpression, "begin", "end", "or", "and", "not"], StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenSet<string> VhdlKeywords =
        System.Collections.Frozen.FrozenSet.ToFrozenSet([.. VhdlOutside, .. VhdlDeclarative, .. VhdlConcurrent, .. VhdlSequential, .. VhdlExpression], StringComparer.OrdinalIgnoreCase);

    public static bool IsKeyword(string word, bool vhdl) => vhdl ? VhdlKeywords.Contains(word) : SvKeywords.Contains(word);

    public static readonly ImmutableArray<SnippetTemplate> Snippets =
    [
        new("always_ff with reset", CodeLevel.ModuleItem,
            "always_ff @(posedge ${1:CLK} or negedge ${2:RST}) begin\n  if (!${2:RST}) begin\n    ${3:q} <= '0;\n  end else begin\n    ${3:q} <= ${4:d};\n  end\nend",
            "A flip-flop process with an asynchronous active-low reset."),
        new("always_comb", CodeLevel.ModuleItem, "always_comb begin\n  $0\nend", "A combinational process."),
        new("fsm", CodeLevel.ModuleItem,
            "typedef enum logic [${1:1}:0] {\n  ${2:IDLE},\n  ${3:BUSY}\n} ${4:state_t};\n\n${4:state_t} state_q, state_d;\n\n"
            + "always_ff @(posedge ${5:CLK} or negedge ${6:RST}) begin\n  if (!${6:RST}) begin\n    state_q <= ${2:IDLE};\n  end else begin\n    state_q <= state_d;\n  end\nend\n\n"
            + "always_comb begin\n  state_d = state_q;\n  unique case (state_q)\n    ${2:IDLE}: begin\n      $0\n    end\n    ${3:BUSY}: begin\n    end\n    default: state_d = ${2:IDLE};\n  endcase\nend",
            "A finite-state machine: an enum of states, the state register (always_ff with reset) and the next-state logic (always_comb with a case)."),
        new("module", CodeLevel.Outside,
            "module ${1:name} #(\n  parameter int ${2:WIDTH} = ${3:8}\n) (\n  input  logic ${4:clk_i},\n  input  logic ${5:rst_ni},\n  $0\n);\n\nendmodule",
            "A module with a parameter, clock and reset."),
        new("for generate", CodeLevel.ModuleItem, "for (genvar ${1:i} = 0; ${1:i} < ${2:N}; ${1:i}++) begin : ${3:g_loop}\n  $0\nend", "A generate loop."),
        new("case", CodeLevel.Statement, "case (${1:sel})\n  ${2:0}: $0;\n  default: ;\nendcase", "A case statement with a default."),
        new("process with reset", CodeLevel.VhdlConcurrent,
            "${1:reg_proc} : process (${2:CLK}, ${3:RST})\nbegin\n  if ${3:RST} = '1' then\n    ${4:q} <= ${5:'0'};\n  elsif rising_edge(${2:CLK}) then\n    ${4:q} <= ${6:d};\n  end if;\nend process;",
            "A clocked process with an asynchronous active-high reset."),
        new("process with synchronous reset", CodeLevel.VhdlConcurrent,
            "${1:reg_proc} : process (${2:CLK})\nbegin\n  if rising_edge(${2:CLK}) then\n    if ${3:RST} = '1' then\n      ${4:q} <= ${5:'0'};\n    else\n      ${4:q} <= ${6:d};\n    end if;\n  end if;\nend process;",
            "A clocked process with a synchronous active-high reset."),
        new("combinational process", CodeLevel.VhdlConcurrent, "${1:comb_proc} : process (all)\nbegin\n  $0\nend process;", "A combinational process (VHDL-2008 `all`)."),
        new("fsm", CodeLevel.VhdlDeclarative,
            "type ${1:state_t} is (${2:IDLE}, ${3:BUSY});\nsignal ${4:state}, ${4:state}_next : ${1:state_t};",
            "The state type and state signals of a finite-state machine (the processes go after `begin`)."),
        new("entity", CodeLevel.Outside,
            "library ieee;\nuse ieee.std_logic_1164.all;\n\nentity ${1:name} is\n  port (\n    ${2:clk} : in std_logic;\n    $0\n  );\nend entity;\n\narchitecture ${3:rtl} of ${1:name} is\nbegin\nend architecture;",
            "An entity with its architecture."),
        new("case", CodeLevel.VhdlSequential, "case ${1:sel} is\n  when ${2:choice} =>\n    $0\n  when others =>\n    null;\nend case;", "A case statement with `others`."),
    ];
}

/// <summary>The packages of the VHDL standard libraries, which the workspace does not hold, offered after `ieee.` and `std.`.</summary>
internal static class StandardVhdlPackages
{
    public static readonly ImmutableArray<(string Library, string Package)> All =
    [
        ("ieee", "std_logic_1164"), ("ieee", "numeric_std"), ("ieee", "numeric_bit"), ("ieee", "math_real"), ("ieee", "math_complex"),
        ("ieee", "fixed_pkg"), ("ieee", "float_pkg"), ("ieee", "std_logic_textio"), ("ieee", "numeric_std_unsigned"),
        ("std", "standard"), ("std", "textio"), ("std", "env"),
    ];
}
