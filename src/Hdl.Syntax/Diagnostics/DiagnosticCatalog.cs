using System.Collections.Immutable;

namespace Hdl.Syntax.Diagnostics;

/// <summary>
/// Every diagnostic the project reports. Ids are never reused: a retired entry stays here, marked retired.
/// 1xxx syntax and preprocessing (10xx lexing and parsing, 11xx preprocessor, 12xx VHDL-specific syntax).
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "HDL1001", "syntax-error", DiagnosticSeverity.Error, "{0}", "default", "parser",
        "The text does not follow the language grammar. Parsing recovers and continues after the error.",
        "module m; assign = 1; endmodule");

    public static readonly DiagnosticDescriptor UnexpectedCharacter = new(
        "HDL1002", "unexpected-character", DiagnosticSeverity.Error, "unexpected character '{0}'", "default", "lexer",
        "A character that starts no token of the language.",
        "module m; wire a = 1 ¤ 2; endmodule");

    public static readonly DiagnosticDescriptor UnterminatedComment = new(
        "HDL1003", "unterminated-comment", DiagnosticSeverity.Error, "block comment is not closed", "default", "lexer",
        "A /* comment runs to the end of the file without */.",
        "module m; /* never closed");

    public static readonly DiagnosticDescriptor UnterminatedString = new(
        "HDL1004", "unterminated-string", DiagnosticSeverity.Error, "string literal is not closed on this line", "default", "lexer",
        "A string literal must end with a double quote on the line where it starts (or continue with a backslash).",
        "initial $display(\"hello);");

    public static readonly DiagnosticDescriptor IncludeNotFound = new(
        "HDL1101", "include-not-found", DiagnosticSeverity.Error, "cannot find include file '{0}'", "default", "preprocessor",
        "`include names a file found neither beside the including file nor in any include directory.",
        "`include \"missing.svh\"");

    public static readonly DiagnosticDescriptor IncludeCycle = new(
        "HDL1102", "include-cycle", DiagnosticSeverity.Error, "include of '{0}' forms a cycle", "default", "preprocessor",
        "A file includes itself, directly or through other files, without an include guard.",
        "// a.svh\n`include \"a.svh\"");

    public static readonly DiagnosticDescriptor RecursiveMacro = new(
        "HDL1103", "recursive-macro", DiagnosticSeverity.Error, "macro '{0}' expands into itself", "default", "preprocessor",
        "A macro whose expansion uses the macro again would never end; the expansion stops here.",
        "`define LOOP `LOOP\nwire w = `LOOP;");

    public static readonly DiagnosticDescriptor UndefinedMacro = new(
        "HDL1104", "undefined-macro", DiagnosticSeverity.Error, "macro '{0}' is not defined", "default", "preprocessor",
        "A `name is used that no `define (seen so far, or given on the command line) defines. In an editor, a file parsed alone may use macros defined elsewhere; the parser accepts the use so the rest of the file is still analysed.",
        "wire w = `WIDTH;");

    public static readonly DiagnosticDescriptor UnbalancedConditional = new(
        "HDL1105", "unbalanced-conditional", DiagnosticSeverity.Error, "{0}", "default", "preprocessor",
        "`else, `elsif or `endif without a matching `ifdef/`ifndef, or an `ifdef that is never closed.",
        "`endif");

    public static readonly DiagnosticDescriptor MacroArgumentMismatch = new(
        "HDL1106", "macro-argument-mismatch", DiagnosticSeverity.Error, "{0}", "default", "preprocessor",
        "A macro call gives more actual arguments than the macro has formals, or omits one that has no default.",
        "`define ADD(a, b) a + b\nwire w = `ADD(1);");

    public static readonly DiagnosticDescriptor MalformedDirective = new(
        "HDL1107", "malformed-directive", DiagnosticSeverity.Error, "{0}", "default", "preprocessor",
        "A compiler directive is missing a part it needs, such as the macro name after `define.",
        "`define");

    public static readonly DiagnosticDescriptor MacroRedefined = new(
        "HDL1108", "macro-redefined", DiagnosticSeverity.Warning, "macro '{0}' is redefined", "extra", "preprocessor",
        "A macro is defined again with a different body; the new definition applies from here on.",
        "`define W 8\n`define W 16");

    public static readonly DiagnosticDescriptor IncludeTooDeep = new(
        "HDL1109", "include-too-deep", DiagnosticSeverity.Error, "includes nest deeper than {0} levels", "default", "preprocessor",
        "Nested includes past the limit almost always mean a cycle the guards do not stop.",
        "`include \"self.svh\"");

    public static readonly DiagnosticDescriptor MacroNamesDirective = new(
        "HDL1110", "macro-names-directive", DiagnosticSeverity.Error, "'{0}' is a compiler directive and cannot be defined as a macro", "default", "preprocessor",
        "Compiler directive names are predefined; `define of one of them is illegal (IEEE 1800-2017 §22.5.1).",
        "`define define 1");

    public static readonly DiagnosticDescriptor MacroExpansionLimit = new(
        "HDL1111", "macro-expansion-limit", DiagnosticSeverity.Error, "expansion of macro '{0}' exceeds the preprocessor's limits", "default", "preprocessor",
        "Macros nest deeper, or expand into more tokens, than the limits in the preprocessor options allow; further macro uses are not expanded.",
        "`define A1 `A0 `A0\n`define A2 `A1 `A1\n...");

    public static readonly DiagnosticDescriptor VhdlUnterminatedString = new(
        "HDL1201", "vhdl-unterminated-string", DiagnosticSeverity.Error, "string literal is not closed on this line", "default", "lexer",
        "A VHDL string or bit-string literal must end with a double quote on the line where it starts; a quote inside is written twice (\"\"), and long strings are joined with &.",
        "constant s : string := \"never closed;");

    public static readonly ImmutableArray<DiagnosticDescriptor> All =
    [
        SyntaxError, UnexpectedCharacter, UnterminatedComment, UnterminatedString,
        IncludeNotFound, IncludeCycle, RecursiveMacro, UndefinedMacro, UnbalancedConditional,
        MacroArgumentMismatch, MalformedDirective, MacroRedefined, IncludeTooDeep, MacroNamesDirective,
        MacroExpansionLimit, VhdlUnterminatedString,
    ];

    public static DiagnosticDescriptor? FindById(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }
}
