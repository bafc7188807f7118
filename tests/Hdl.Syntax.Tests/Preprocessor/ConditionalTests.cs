namespace Hdl.Syntax.Tests.Preprocessor;

public class ConditionalTests : PreprocessorTestBase
{
    [Fact]
    public void Ifdef_takes_the_branch_of_the_first_defined_name() => CheckPreprocessed(
        """
        `define B
        `ifdef A
          a
        `elsif B
          b
        `elsif C
          c
        `else
          other
        `endif
        """,
        "b");

    [Fact]
    public void Ifndef_and_else() => CheckPreprocessed(
        """
        `define A
        `ifndef A not_a `else is_a `endif
        `ifndef B not_b `else is_b `endif
        """,
        "is_a not_b");

    [Fact]
    public void Nested_conditionals_in_inactive_branches_are_skipped_whole() => CheckPreprocessed(
        """
        `define OUTER
        `ifdef NOPE
          `ifdef OUTER
            x
          `else
            y
          `endif
          `undef OUTER
        `else
          `ifdef OUTER
            `ifndef INNER inner_missing `endif
          `endif
        `endif
        `ifdef OUTER still_defined `endif
        """,
        "inner_missing still_defined");

    [Fact]
    public void Expression_conditions_of_1800_2023() => CheckPreprocessed(
        """
        `define A
        `define B
        `ifdef (A && B) both `endif
        `ifdef (A && !B) not_this `endif
        `ifndef (C || (A && !B)) neither `endif
        `ifdef (C -> A) implied `endif
        `ifdef (C <-> A) not_equal `else equal_not `endif
        """,
        "both neither implied equal_not");

    [Fact]
    public void Malformed_conditions_are_reported_and_false() => CheckPreprocessed(
        """
           `ifdef
        // ^^^^^^ error HDL1107: `ifdef needs a macro name
           `endif
           `ifdef (A &&) x `endif
        // ^^^^^^ error HDL1107: `ifdef needs a macro name or an expression of macro names with &&, ||, !, -> and <->
        `ifdef A_OK y `endif
        """,
        "");

    [Fact]
    public void Unbalanced_conditionals_are_reported() => CheckDiagnostics(
        """
           `endif
        // ^^^^^^ error HDL1105: `endif without `ifdef or `ifndef
           `else
        // ^^^^^ error HDL1105: `else without `ifdef or `ifndef
        `ifdef A
        `else
           `else
        // ^^^^^ error HDL1105: `else after `else
        `endif
        `define D
        `ifdef D
        `else
           `elsif X
        // ^^^^^^ error HDL1105: `elsif after `else
        `endif
           `ifndef NEVER_CLOSED
        // ^^^^^^^ error HDL1105: `ifndef without `endif
        """);

    [Fact]
    public void Balanced_conditionals_give_no_error() => CheckDiagnostics(
        """
        `ifdef A
          `ifdef B
          `elsif C
          `else
          `endif
        `endif
        """);

    [Fact]
    public void Conditionals_do_not_cross_file_ends() => CheckDiagnostics(
        """
        `include "open.svh"
           `endif
        // ^^^^^^ error HDL1105: `endif without `ifdef or `ifndef
        //- /open.svh
           `ifdef X
        // ^^^^^^ error HDL1105: `ifdef without `endif
        """);

    [Fact]
    public void Inactive_regions_of_the_main_file_are_recorded() => CheckFacts(
        """
        `ifdef A
        wire a;
        `elsif B
        wire b;
        `else
        wire c; // kept
        `endif
        """,
        """
        inactive 1:9-3:1: wire a;
        inactive 3:9-5:1: wire b;
        comment // kept
        resolve calls 0
        """);

    [Fact]
    public void Undefined_macros_in_inactive_text_are_not_reported() => CheckPreprocessed(
        """
        `ifdef NEVER
        `UNDEFINED_HERE(1, 2) /* comment
        spanning */ `include "missing.svh"
        `endif
        """,
        "");
}
