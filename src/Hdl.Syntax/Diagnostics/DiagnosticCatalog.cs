using System.Collections.Immutable;

namespace Hdl.Syntax.Diagnostics;

/// <summary>
/// Every diagnostic the project reports. Ids are never reused: a retired entry stays here, marked retired.
/// 1xxx syntax and preprocessing (10xx lexing and parsing, 11xx preprocessor, 12xx VHDL-specific syntax);
/// 2xxx elaboration (20xx the instance hierarchy: binding instances to units, port and parameter connections);
/// 3xxx binding (30xx names bound to their declarations through scopes, imports and use clauses).
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

    public static readonly DiagnosticDescriptor ResetAllInDesignElement = new(
        "HDL1112", "resetall-in-design-element", DiagnosticSeverity.Error, "`resetall is not allowed inside a design element", "default", "preprocessor",
        "`resetall resets every compiler directive to its default and may appear only outside modules, interfaces, programs, packages, primitives, checkers and configurations (IEEE 1800-2017 §22.3).",
        "module top;\n`resetall\nendmodule");

    public static readonly DiagnosticDescriptor VhdlUnterminatedString = new(
        "HDL1201", "vhdl-unterminated-string", DiagnosticSeverity.Error, "string literal is not closed on this line", "default", "lexer",
        "A VHDL string or bit-string literal must end with a double quote on the line where it starts; a quote inside is written twice (\"\"), and long strings are joined with &.",
        "constant s : string := \"never closed;");

    public static readonly DiagnosticDescriptor UnresolvedUnit = new(
        "HDL2001", "unresolved-unit", DiagnosticSeverity.Warning, "instance '{0}' names unit '{1}', which is not defined in the workspace", "default", "elaboration",
        "No module, interface, program or entity of that name was found in any analysed file, so the instance is a leaf of the hierarchy. Add the file (or its library) to the inputs; vendor primitives are reported too.",
        "module top; missing_block u_x (); endmodule");

    public static readonly DiagnosticDescriptor UnknownPort = new(
        "HDL2002", "unknown-port", DiagnosticSeverity.Error, "unit '{0}' has no port named '{1}'", "default", "elaboration",
        "A named port connection (.name(...) or name => ...) names a port the instantiated unit does not declare.",
        "module leaf(input a); endmodule\nmodule top; leaf u (.b(1'b0)); endmodule");

    public static readonly DiagnosticDescriptor TooManyPortConnections = new(
        "HDL2003", "too-many-port-connections", DiagnosticSeverity.Error, "instance '{0}' connects {1} ports by position but unit '{2}' has {3}", "default", "elaboration",
        "An ordered port connection list is longer than the instantiated unit's port list.",
        "module leaf(input a); endmodule\nmodule top; leaf u (x, y); endmodule");

    public static readonly DiagnosticDescriptor UnknownParameter = new(
        "HDL2004", "unknown-parameter", DiagnosticSeverity.Error, "unit '{0}' has no parameter named '{1}'", "default", "elaboration",
        "A named parameter override (#(.NAME(...)) or a generic map) names a parameter or generic the unit does not declare.",
        "module leaf #(parameter W = 1) (); endmodule\nmodule top; leaf #(.WIDTH(8)) u (); endmodule");

    public static readonly DiagnosticDescriptor TooManyParameterOverrides = new(
        "HDL2005", "too-many-parameter-overrides", DiagnosticSeverity.Error, "instance '{0}' overrides {1} parameters by position but unit '{2}' has {3}", "default", "elaboration",
        "An ordered parameter override list is longer than the unit's list of overridable parameters.",
        "module leaf #(parameter W = 1) (); endmodule\nmodule top; leaf #(8, 2) u (); endmodule");

    public static readonly DiagnosticDescriptor DuplicateUnit = new(
        "HDL2006", "duplicate-unit", DiagnosticSeverity.Warning, "unit '{0}' is defined more than once; the last definition analysed is used", "default", "elaboration",
        "Two files (or one file twice) define a unit of the same name in the same namespace. Elaboration binds to the one analysed last, as a VHDL library does.",
        "module m; endmodule\nmodule m; endmodule");

    public static readonly DiagnosticDescriptor RecursiveInstantiation = new(
        "HDL2007", "recursive-instantiation", DiagnosticSeverity.Error, "unit '{0}' instantiates itself through instance '{1}'", "default", "elaboration",
        "A unit contains itself, directly or through other units, with no generate condition that could be seen to stop the recursion.",
        "module m; m u_again (); endmodule");

    public static readonly DiagnosticDescriptor UnknownTop = new(
        "HDL2008", "unknown-top", DiagnosticSeverity.Error, "top unit '{0}' is not defined in the workspace", "default", "elaboration",
        "The unit named as the top of the hierarchy was not found among the analysed files.",
        "hdl hierarchy --top no_such_module");

    public static readonly DiagnosticDescriptor UnknownArchitecture = new(
        "HDL2009", "unknown-architecture", DiagnosticSeverity.Error, "entity '{0}' has no architecture '{1}'", "default", "elaboration",
        "`entity lib.e(arch)` names an architecture that was not analysed for that entity; the most recently analysed one is used instead.",
        "u : entity work.counter(fast) port map (...);");

    public static readonly DiagnosticDescriptor UnresolvedIdentifier = new(
        "HDL3001", "unresolved-identifier", DiagnosticSeverity.Warning, "'{0}' is not declared", "default", "binding",
        "No declaration of the name is visible from here: not in an enclosing block, function or process, not in the unit (or a VHDL architecture's entity), not in an imported package or `use`d package, and not in the compilation unit. Names in units that import a package the workspace lacks are not reported (the package is, once).",
        "module m; assign y = undeclared_signal; endmodule");

    public static readonly DiagnosticDescriptor UnresolvedPackage = new(
        "HDL3002", "unresolved-package", DiagnosticSeverity.Warning, "package '{0}' is not defined in the workspace", "default", "binding",
        "An import, `use` clause or `pkg::name` names a package no analysed file defines. Add the file (or its library) to the inputs. The names it would provide are not reported one by one. The IEEE and STD libraries are not expected in the workspace and are not reported.",
        "module m; import missing_pkg::*; endmodule");

    public static readonly DiagnosticDescriptor UnresolvedPackageMember = new(
        "HDL3003", "unresolved-package-member", DiagnosticSeverity.Warning, "package '{0}' has no member '{1}'", "default", "binding",
        "`pkg::name`, `import pkg::name` or VHDL `lib.pkg.name` names something the package does not declare.",
        "package p; localparam int W = 8; endpackage\nmodule m; localparam int X = p::WIDTH; endmodule");

    public static readonly ImmutableArray<DiagnosticDescriptor> All =
    [
        SyntaxError, UnexpectedCharacter, UnterminatedComment, UnterminatedString,
        IncludeNotFound, IncludeCycle, RecursiveMacro, UndefinedMacro, UnbalancedConditional,
        MacroArgumentMismatch, MalformedDirective, MacroRedefined, IncludeTooDeep, MacroNamesDirective,
        MacroExpansionLimit, ResetAllInDesignElement, VhdlUnterminatedString,
        UnresolvedUnit, UnknownPort, TooManyPortConnections, UnknownParameter, TooManyParameterOverrides, DuplicateUnit,
        RecursiveInstantiation, UnknownTop, UnknownArchitecture,
        UnresolvedIdentifier, UnresolvedPackage, UnresolvedPackageMember,
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
