using Hdl.Syntax.Preprocessor;

namespace Hdl.Syntax.Tests.Preprocessor;

public class MacroTests : PreprocessorTestBase
{
    [Fact]
    public void Object_like_macro_expands_to_its_body() => CheckPreprocessed(
        """
        `define WIDTH 8
        wire [`WIDTH-1:0] a;
        """,
        "wire [ 8 - 1 : 0 ] a ;");

    [Fact]
    public void Macro_with_arguments_substitutes_actuals() => CheckPreprocessed(
        """
        `define max(a,b)((a) > (b) ? (a) : (b))
        assign m = `max(x, y + 1);
        """,
        "assign m = ( ( x ) > ( y + 1 ) ? ( x ) : ( y + 1 ) ) ;");

    [Fact]
    public void Space_between_name_and_parenthesis_makes_the_parenthesis_part_of_the_body() => CheckPreprocessed(
        """
        `define M (x)
        `M
        """,
        "( x )");

    [Fact]
    public void Empty_actuals_take_the_default_or_nothing() => CheckPreprocessed(
        """
        `define MACRO1(a=5,b="B",c) $display(a,,b,,c);
        `MACRO1 ( , 2, 3 )
        `MACRO1 ( 1 , , 3 )
        `MACRO1 ( , 2, )
        """,
        "$display ( 5 , , 2 , , 3 ) ; $display ( 1 , , \"B\" , , 3 ) ; $display ( 5 , , 2 , , ) ;");

    [Fact]
    public void Omitted_trailing_actuals_take_their_defaults() => CheckPreprocessed(
        """
        `define MACRO3(a=5, b=0, c="C") $display(a,,b,,c);
        `MACRO3 ( 1 )
        `MACRO3 ( )
        `define MACRO2(a=5, b, c="C") $display(a,,b,,c);
        `MACRO2 (, 2)
        """,
        "$display ( 1 , , 0 , , \"C\" ) ; $display ( 5 , , 0 , , \"C\" ) ; $display ( 5 , , 2 , , \"C\" ) ;");

    [Fact]
    public void Defaults_may_use_other_macros_and_brackets() => CheckPreprocessed(
        """
        `define CLK clk_i
        `define ASSERT(name, prop, clk = `CLK, rst = !rst_ni[0]) name: assert property (@(posedge clk) disable iff (rst) prop);
        `ASSERT(A1, a |-> b)
        """,
        "A1 : assert property ( @ ( posedge clk_i ) disable iff ( ! rst_ni [ 0 ] ) a |-> b ) ;");

    [Fact]
    public void Actuals_split_only_on_top_level_commas() => CheckPreprocessed(
        """
        `define FOUR(a, b, c, d) a | b | c | d
        `FOUR(f(x, y), {p, q}, r[1,2], "s,t")
        """,
        "f ( x , y ) | { p , q } | r [ 1 , 2 ] | \"s,t\"");

    [Fact]
    public void Argument_count_mismatch_is_reported() => CheckDiagnostics(
        """
        `define D(x,y) $display(x, y);
           `D("msg1")
        // ^^ error HDL1106: argument 'y' of macro 'D' is missing and has no default
           `D(,,)
        // ^^ error HDL1106: macro 'D' takes 2 argument(s) but 3 are given
           `D
        // ^^ error HDL1106: macro 'D' takes arguments in parentheses
        `D(1, 2)
        `D(,)
           `D(1,
        // ^^ error HDL1106: the arguments of macro 'D' are not closed with ')'
        """);

    [Fact]
    public void Macro_without_formals_leaves_a_following_parenthesis_alone() => CheckPreprocessed(
        """
        `define F foo
        `F(1)
        """,
        "foo ( 1 )");

    [Fact]
    public void Empty_parentheses_define_a_macro_without_arguments() => CheckPreprocessed(
        """
        `define NONE() x
        `NONE() `NONE( )
        """,
        "x x");

    [Fact]
    public void Token_pasting_joins_and_relexes() => CheckLocations(
        """
        `define append(f) f``_master
        `define num(a, b) a``b
        `append(clock) `num(1, 0)
        """,
        """
        clock_master SIMPLE_IDENTIFIER /main.sv:1:20 <- append at /main.sv:3:1
        10 UNSIGNED_NUMBER /main.sv:2:20 <- num at /main.sv:3:16
        """);

    [Fact]
    public void A_paste_after_a_space_glues_nothing_on_its_left() => CheckPreprocessed(
        """
        `define CG_BEGIN(name) covergroup ``name``_cg with function sample(int x);
        `CG_BEGIN(add)
        """,
        "covergroup add_cg with function sample ( int x ) ;");

    [Fact]
    public void A_base_in_the_body_joins_the_value_its_argument_brings() => CheckPreprocessed(
        """
        `define BIT(BITS, W, IDX) BITS[W 'b IDX];
        `define TWO(BITS, W, IDX) `BIT(BITS, W, IDX``0) `BIT(BITS, W, IDX``1)
        `define LOW(BITS) BITS[2 'b ?0]
        `TWO(data, 2, 1)
        `LOW(data)
        """,
        "data [ 2 'b10 ] ; data [ 2 'b11 ] ; data [ 2 'b ?0 ]");

    [Fact]
    public void Pasting_can_build_a_macro_name_that_is_then_expanded() => CheckPreprocessed(
        """
        `define WIDTH_A 4
        `define WIDTH(kind) `WIDTH_``kind
        `WIDTH(A)
        """,
        "4");

    [Fact]
    public void Stringification_substitutes_and_escapes_quotes() => CheckPreprocessed(
        """
        `define msg(x,y) `"x: `\`"y`\`"`"
        $display(`msg(left side,right side));
        """,
        "$display ( \"left side: \\\"right side\\\"\" ) ;");

    [Fact]
    public void Stringification_expands_macros_inside() => CheckPreprocessed(
        """
        `define NAME core
        `define PATH(leaf) `"top.`NAME.leaf`"
        `PATH(reg_q)
        """,
        "\"top.core.reg_q\"");

    [Fact]
    public void String_literals_in_a_body_are_not_substituted() => CheckPreprocessed(
        """
        `define HI Hello
        `define LO "`HI, world"
        `define H(x) "Hello, x"
        $display("`HI, world", `LO, `H(world));
        """,
        "$display ( \"`HI, world\" , \"`HI, world\" , \"Hello, x\" ) ;");

    [Fact]
    public void Backslash_newline_continues_a_macro() => CheckPreprocessed(
        """
        `define TWO_LINES(a) \
          a = 1; \
          b = 2;
        `TWO_LINES(x)
        c = 3;
        """,
        "x = 1 ; b = 2 ; c = 3 ;");

    [Fact]
    public void Line_comment_ends_a_macro_and_block_comments_are_dropped() => CheckPreprocessed(
        """
        `define A 1 // not part of A
        `define B 2 /* spans
        two lines */ + 3
        `define C 4 /* one line */ + 5 \
          + 6
        `A `B `C
        """,
        "1 2 + 3 4 + 5 + 6");

    [Fact]
    public void Undef_and_undefineall_remove_macros() => CheckPreprocessed(
        """
        `define A 1
        `define B 2
        `undef A
        `ifdef A a_defined `endif
        `ifdef B b_defined `endif
        `undefineall
        `ifdef B b_still `endif
        `undef NEVER_DEFINED
        """,
        "b_defined");

    [Fact]
    public void Undefined_macro_passes_through_with_its_arguments() => CheckPreprocessed(
        """
           `uvm_info("ID", $sformatf("%0d", x), UVM_LOW)
        // ^^^^^^^^^ error HDL1104: macro 'uvm_info' is not defined
        wire w = `WIDTH;
        //       ^^^^^^ error HDL1104: macro 'WIDTH' is not defined
        """,
        "`uvm_info ( \"ID\" , $sformatf ( \"%0d\" , x ) , UVM_LOW ) wire w = `WIDTH ;");

    [Fact]
    public void Defined_macros_give_no_undefined_macro_error() => CheckPreprocessed(
        """
        `define WIDTH 4
        wire [`WIDTH:0] w;
        """,
        "wire [ 4 : 0 ] w ;");

    [Fact]
    public void Directive_names_are_not_macros_and_cannot_be_defined() => CheckPreprocessed(
        """
        `define define "illegal"
        //      ^^^^^^ error HDL1110: 'define' is a compiler directive and cannot be defined as a macro
        `define timescale 1
        //      ^^^^^^^^^ error HDL1110: 'timescale' is a compiler directive and cannot be defined as a macro
        `timescale 1ns/1ps
        `define ok 1
        `ok
        """,
        "1");

    [Fact]
    public void Missing_macro_name_is_reported() => CheckPreprocessed(
        """
           `define
        // ^^^^^^^ error HDL1107: `define needs a macro name
           `define 42 x
        // ^^^^^^^ error HDL1107: `define needs a macro name
        `define NAME_OK 1
        """,
        "");

    [Fact]
    public void Recursive_macros_are_reported_not_expanded_forever() => CheckPreprocessed(
        """
        `define LOOP `LOOP
        `define PING `PONG
        `define PONG `PING
        a `LOOP b
        //^^^^^ error HDL1103: macro 'LOOP' expands into itself
        c `PING d
        //^^^^^ error HDL1103: macro 'PING' expands into itself
        """,
        "a b c d");

    [Fact]
    public void A_macro_in_the_arguments_of_the_same_macro_is_not_recursion() => CheckPreprocessed(
        """
        `define INC(x) (x + 1)
        `INC(`INC(1))
        """,
        "( ( 1 + 1 ) + 1 )");

    [Fact]
    public void Redefinition_with_another_body_warns() => CheckDiagnostics(
        """
        `define W 8
        `define W 8
        `define W 16
        //      ^ warning HDL1108: macro 'W' is redefined
        """);

    [Fact]
    public void Exponential_expansion_stops_at_the_token_limit() => CheckDiagnostics(
        """
        `define A0 x
        `define A1 `A0 `A0
        `define A2 `A1 `A1
        `define A3 `A2 `A2
        `define A4 `A3 `A3
           `A4
        // ^^^ error HDL1111: expansion of macro 'A0' exceeds the preprocessor's limits
        `A2
        """,
        DefaultOptions with { MaxExpandedTokens = 10 });

    [Fact]
    public void Options_define_macros_and_null_means_empty() => CheckPreprocessed(
        """
        `ifdef SIM sim_on `endif
        `WIDTH `MAX(1, 2)
        """,
        "sim_on 32 ( 1 > 2 ? 1 : 2 )",
        DefaultOptions with { Defines = [new MacroDefine("SIM", null), new MacroDefine("WIDTH", "32"), new MacroDefine("MAX(a,b)", "(a > b ? a : b)")] });

    [Fact]
    public void Directives_in_macro_bodies_run_when_the_macro_expands() => CheckPreprocessed(
        """
        `define PICK(x) `ifdef x yes `else no `endif
        `define FAST
        `PICK(FAST) `PICK(SLOW)
        """,
        "yes no");

    [Fact]
    public void Macro_facts_list_the_final_definitions() => CheckFacts(
        """
        `define A(x, y = 2) x + y
        `define B // comment
        `undef C
        """,
        """
        macro A(x, y=2) = x + y at /main.sv:1:9
        macro B =  at /main.sv:2:9
        comment // comment
        resolve calls 0
        """);

    [Fact]
    public void A_line_comment_ending_in_a_backslash_continues_the_macro() => CheckPreprocessed(
        """
        `define BLOCK(v) \
          begin \
            // a comment line inside the body \
            v = 1; \
          end
        `BLOCK(x)
        """,
        "begin x = 1 ; end");

    [Fact]
    public void Defines_in_inactive_branches_do_not_happen() => CheckPreprocessed(
        """
        `ifdef NEVER
        `define HIDDEN 1
        `endif
        `ifndef HIDDEN not_defined `endif
        """,
        "not_defined");

    [Fact]
    public void Macros_from_options_are_facts_without_a_location() => CheckFacts(
        "",
        """
        macro SIM =  at options
        macro WIDTH = 32 at options
        resolve calls 0
        """,
        DefaultOptions with { Defines = [new MacroDefine("WIDTH", "32"), new MacroDefine("SIM", null)] });

    [Fact]
    public void Coverage_control_macros_are_predefined() => CheckPreprocessed(
        """
        i = $coverage_control(`SV_COV_CHECK, `SV_COV_TOGGLE, `SV_COV_HIER, $root);
        `ifdef SV_COV_OVERFLOW r = `SV_COV_OVERFLOW; `endif
        """,
        "i = $coverage_control ( 3 , 23 , 11 , $root ) ; r = - 2 ;");

    [Fact]
    public void Predefined_macros_are_not_facts_of_the_file_and_may_be_redefined_quietly() => CheckFacts(
        """
        `define SV_COV_START 100
        """,
        """
        macro SV_COV_START = 100 at /main.sv:1:9
        resolve calls 0
        """);

    [Fact]
    public void Comment_built_by_pastes_is_a_comment() => CheckPreprocessed(
        """
        `define FF(q, d, clr) \
          /``* synopsys sync_set_reset `"clr`" *``/ \
          always_ff @(posedge clk) q <= d;
        `FF(a, b, c)
        """,
        "always_ff @ ( posedge clk ) a <= b ;");
}
