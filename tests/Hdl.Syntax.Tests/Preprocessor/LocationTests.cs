namespace Hdl.Syntax.Tests.Preprocessor;

public class LocationTests : PreprocessorTestBase
{
    [Fact]
    public void Body_tokens_keep_the_body_position_and_the_call_site() => CheckLocations(
        """
        `define ONE 1
        x = `ONE;
        """,
        """
        x SIMPLE_IDENTIFIER /main.sv:2:1
        = EQUALS /main.sv:2:3
        1 UNSIGNED_NUMBER /main.sv:1:13 <- ONE at /main.sv:2:5
        ; SEMI /main.sv:2:9
        """);

    [Fact]
    public void Nested_expansions_chain_inner_to_outer() => CheckLocations(
        """
        `define INNER(v) v + 1
        `define OUTER(a) (`INNER(a))
        y = `OUTER(z);
        """,
        """
        y SIMPLE_IDENTIFIER /main.sv:3:1
        = EQUALS /main.sv:3:3
        ( LPAREN /main.sv:2:18 <- OUTER at /main.sv:3:5
        z SIMPLE_IDENTIFIER /main.sv:3:12
        + PLUS /main.sv:1:20 <- INNER at /main.sv:2:19 <- OUTER at /main.sv:3:5
        1 UNSIGNED_NUMBER /main.sv:1:22 <- INNER at /main.sv:2:19 <- OUTER at /main.sv:3:5
        ) RPAREN /main.sv:2:28 <- OUTER at /main.sv:3:5
        ; SEMI /main.sv:3:14
        """);

    [Fact]
    public void Macros_defined_in_an_include_point_into_it() => CheckLocations(
        """
        `include "defs.svh"
        `W
        //- /defs.svh
        `define W wide
        """,
        """
        wide SIMPLE_IDENTIFIER /defs.svh:1:11 <- W at /main.sv:2:1
        """);

    [Fact]
    public void Stringified_text_lies_at_the_opening_quote() => CheckLocations(
        """
        `define S(x) `"x`"
        `S(abc)
        """,
        """
        "abc" STRING_LITERAL /main.sv:1:14 <- S at /main.sv:2:1
        """);

    [Fact]
    public void Undefined_macro_use_passes_through_in_place() => CheckLocations(
        """
        `ifndef X
           `FOO(a)
        // ^^^^ error HDL1104: macro 'FOO' is not defined
        `endif
        """,
        """
        `FOO DIRECTIVE /main.sv:2:4
        ( LPAREN /main.sv:2:8
        a SIMPLE_IDENTIFIER /main.sv:2:9
        ) RPAREN /main.sv:2:10
        """);
}
