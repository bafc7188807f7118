namespace Hdl.Syntax.Tests.Preprocessor;

public class DirectiveTests : PreprocessorTestBase
{
    [Fact]
    public void Timescale_is_consumed() => CheckPreprocessed(
        """
        `timescale 1ns/1ps
        `timescale 10 us / 100 ns
        `timescale 100ps/100ps
        module m; endmodule
        """,
        "module m ; endmodule");

    [Fact]
    public void Malformed_timescale_is_reported() => CheckDiagnostics(
        """
           `timescale 1ns
        // ^^^^^^^^^^ error HDL1107: `timescale needs a time unit and a precision, such as 1ns/1ps
           `timescale 1 parsec / 1ps
        // ^^^^^^^^^^ error HDL1107: `timescale needs a time unit and a precision, such as 1ns/1ps
           `timescale 9 ns / 1 ps
        // ^^^^^^^^^^ error HDL1107: `timescale needs a time unit and a precision, such as 1ns/1ps
           `timescale 1 ns / 10 ns
        // ^^^^^^^^^^ error HDL1107: the `timescale precision must not be coarser than its unit
        """);

    [Fact]
    public void Default_nettype_resetall_celldefine_and_unconnected_drive_are_consumed() => CheckPreprocessed(
        """
        `default_nettype none
        `default_nettype wire
        `resetall
        `celldefine
        module cell; endmodule
        `endcelldefine
        `unconnected_drive pull1
        `nounconnected_drive
        """,
        "module cell ; endmodule");

    [Fact]
    public void Malformed_default_nettype_and_unconnected_drive_are_reported() => CheckDiagnostics(
        """
           `default_nettype logic
        // ^^^^^^^^^^^^^^^^ error HDL1107: `default_nettype needs a net type or none
           `unconnected_drive pull2
        // ^^^^^^^^^^^^^^^^^^ error HDL1107: `unconnected_drive needs pull0 or pull1
        """);

    [Fact]
    public void Pragma_is_consumed_and_protected_blocks_are_skipped() => CheckPreprocessed(
        """
        `pragma foo something, somethingelse = 7, "abcdef", ( hello, ( "world", pr = 4, "gm" ) ), a
        before
        `pragma protect begin_protected
        `pragma protect encoding=(enctype="base64", line_length=76, bytes=64)
        `pragma protect data_block
        ZGF0YSB0aGF0IGlzIG5vdCBWZXJpbG9n###$$$\\\"`'
        `pragma protect end_protected
        after
        """,
        "before after");

    [Fact]
    public void Pragma_needs_a_name_and_protected_blocks_an_end() => CheckDiagnostics(
        """
           `pragma
        // ^^^^^^^ error HDL1107: `pragma needs a pragma name
           `pragma protect begin_protected
        // ^^^^^^^ error HDL1107: `pragma protect begin_protected without `pragma protect end_protected
        ZGF0YQ==
        """);

    [Fact]
    public void File_and_line_macros_follow_the_line_directive() => CheckPreprocessed(
        """
        `__FILE__ `__LINE__
        `line 100 "renamed.sv" 0
        `__FILE__ `__LINE__
        `define WHERE `__LINE__
        `WHERE
        """,
        "\"/main.sv\" 1 \"renamed.sv\" 100 102");

    [Fact]
    public void Malformed_line_directives_are_reported() => CheckDiagnostics(
        """
           `line 1 "somefile" 3
        // ^^^^^ error HDL1107: `line needs a line number, a file name in quotes and a level 0, 1 or 2
           `line 1 somefile 2
        // ^^^^^ error HDL1107: `line needs a line number, a file name in quotes and a level 0, 1 or 2
           `line -12 "somefile" 1
        // ^^^^^ error HDL1107: `line needs a line number, a file name in quotes and a level 0, 1 or 2
           `line 1
        // ^^^^^ error HDL1107: `line needs a line number, a file name in quotes and a level 0, 1 or 2
        `line 8273 "somefile" 2
        """);

    [Fact]
    public void Begin_keywords_turns_newer_keywords_into_identifiers() => CheckLocations(
        """
        `begin_keywords "1364-2005"
        logic uwire
        `begin_keywords "1364-1995"
        uwire
        `end_keywords
        `end_keywords
        logic
        """,
        """
        logic SIMPLE_IDENTIFIER /main.sv:2:1
        uwire UWIRE /main.sv:2:7
        uwire SIMPLE_IDENTIFIER /main.sv:4:1
        logic LOGIC /main.sv:7:1
        """);

    [Fact]
    public void Begin_keywords_errors_are_reported() => CheckDiagnostics(
        """
        `begin_keywords "1364-2005"
        `end_keywords
           `end_keywords
        // ^^^^^^^^^^^^^ error HDL1107: `end_keywords without `begin_keywords
                        `begin_keywords "9999"
        //                              ^^^^^^ error HDL1107: unknown keyword version "9999"
        `end_keywords
        """);

    [Fact]
    public void Lexical_errors_are_reported() => CheckDiagnostics(
        """
        wire w = "ok";
        initial $display("never closed);
        //               ^^^^^^^^^^^^^^^ error HDL1004: string literal is not closed on this line
        wire ¤ x;
        //   ^ error HDL1002: unexpected character '¤'
        `define BAD "open
        //          ^^^^^ error HDL1004: string literal is not closed on this line
        /* ok */
           /* never closed
        // ^^^^^^^^^^^^^^^ error HDL1003: block comment is not closed
        """);

    [Fact]
    public void Macro_punctuation_outside_a_macro_body_is_reported() => CheckDiagnostics(
        """
        x `" y
        //^^ error HDL1107: '`"' is only meaningful inside a macro body
        """);

    [Fact]
    public void Resetall_inside_a_design_element_is_an_error() => CheckDiagnostics(
        """
        `resetall
        module top;
           `resetall
        // ^^^^^^^^^ error HDL1112: `resetall is not allowed inside a design element
          virtual interface bus_if vif;
        endmodule
        `resetall
        interface class ic; endclass
        `resetall
        """);
}
