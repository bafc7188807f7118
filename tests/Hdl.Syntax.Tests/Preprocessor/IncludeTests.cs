namespace Hdl.Syntax.Tests.Preprocessor;

public class IncludeTests : PreprocessorTestBase
{
    [Fact]
    public void Include_inserts_the_files_tokens() => CheckPreprocessed(
        """
        `include "defs.svh"
        wire [`W-1:0] a;
        //- /defs.svh
        `define W 4
        typedef logic t;
        """,
        "typedef logic t ; wire [ 4 - 1 : 0 ] a ;");

    [Fact]
    public void Includes_are_searched_beside_the_including_file_then_in_include_directories() => CheckPreprocessed(
        """
        `include "sub/a.svh"
        `include <b.svh>
        //- /sub/a.svh
        `include "near.svh"
        //- /sub/near.svh
        from_sub_near
        //- /near.svh
        from_root_near
        //- /inc/b.svh
        from_inc_b
        """,
        "from_sub_near from_inc_b");

    [Fact]
    public void Missing_include_is_reported_at_the_directive() => CheckDiagnostics(
        """
        `include "found.svh"
           `include "missing.svh"
        // ^^^^^^^^^^^^^^^^^^^^^^ error HDL1101: cannot find include file 'missing.svh'
        //- /found.svh
           `include <deeper_missing.svh> // comment
        // ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error HDL1101: cannot find include file 'deeper_missing.svh'
        """);

    [Fact]
    public void Include_needs_a_file_name() => CheckDiagnostics(
        """
           `include
        // ^^^^^^^^ error HDL1107: `include needs a file name in double quotes or angle brackets
           `include foo.svh
        // ^^^^^^^^ error HDL1107: `include needs a file name in double quotes or angle brackets
        """);

    [Fact]
    public void Include_cycles_are_reported_and_not_followed() => CheckPreprocessed(
        """
        `include "a.svh"
        //- /a.svh
        a_start
        `include "b.svh"
        //- /b.svh
        b_start
           `include "a.svh"
        // ^^^^^^^^^^^^^^^^ error HDL1102: include of 'a.svh' forms a cycle
        """,
        "a_start b_start");

    [Fact]
    public void Guarded_headers_may_include_each_other() => CheckFacts(
        """
        `include "a.svh"
        `include "b.svh"
        `include "a.svh"
        //- /a.svh
        `ifndef A_SVH
        `define A_SVH
        `include "b.svh"
        `endif
        //- /b.svh
        `ifndef B_SVH
        `define B_SVH
        `include "a.svh"
        `endif
        """,
        """
        include a.svh at /main.sv:1:1 -> /a.svh
        include b.svh at /a.svh:3:1 -> /b.svh
        include a.svh at /b.svh:3:1 -> /a.svh
        include b.svh at /main.sv:2:1 -> /b.svh
        include a.svh at /main.sv:3:1 -> /a.svh
        site /a.svh: `include "a.svh"
        site /b.svh: `include "a.svh"
        macro A_SVH =  at /a.svh:2:9
        macro B_SVH =  at /b.svh:2:9
        resolve calls 4
        """);

    [Fact]
    public void Include_depth_is_limited() => CheckDiagnostics(
        """
        `include "l1.svh"
        //- /l1.svh
        `include "l2.svh"
        //- /l2.svh
           `include "l3.svh"
        // ^^^^^^^^^^^^^^^^^ error HDL1109: includes nest deeper than 2 levels
        //- /l3.svh
        never
        """,
        DefaultOptions with { MaxIncludeDepth = 2 });

    [Fact]
    public void Include_within_the_depth_limit_is_fine() => CheckPreprocessed(
        """
        `include "l1.svh"
        //- /l1.svh
        `include "l2.svh"
        //- /l2.svh
        deepest
        """,
        "deepest",
        DefaultOptions with { MaxIncludeDepth = 2 });

    [Fact]
    public void Include_through_a_macro() => CheckPreprocessed(
        """
        `define DO_INCLUDE(FN) `include FN
        `define HEADER "h.svh"
        `DO_INCLUDE("h.svh") `DO_INCLUDE("h.svh")
        `include `HEADER
        `ifdef NEVER
         `DO_INCLUDE("SHOULD_NOT_BE_INCLUDED")
        `endif
        //- /h.svh
        from_h
        """,
        "from_h from_h from_h");

    [Fact]
    public void Include_facts_and_sites_map_nested_includes_to_the_top_level_directive() => CheckFacts(
        """
        // top comment
        `include "outer.svh" // trailing
        //- /outer.svh
        // comment in an include is not the main file's
        `include "inner.svh"
        //- /inner.svh
        x
        """,
        """
        include outer.svh at /main.sv:2:1 -> /outer.svh
        include inner.svh at /outer.svh:2:1 -> /inner.svh
        site /inner.svh: `include "outer.svh"
        site /outer.svh: `include "outer.svh"
        comment // top comment
        comment // trailing
        resolve calls 2
        """);

    [Fact]
    public void Tokens_from_an_include_report_the_included_file() => CheckLocations(
        """
        `include "defs.svh"
        wire w;
        //- /defs.svh
        typedef int t;
        """,
        """
        typedef TYPEDEF /defs.svh:1:1
        int INT /defs.svh:1:9
        t SIMPLE_IDENTIFIER /defs.svh:1:13
        ; SEMI /defs.svh:1:14
        wire WIRE /main.sv:2:1
        w SIMPLE_IDENTIFIER /main.sv:2:6
        ; SEMI /main.sv:2:7
        """);

    [Fact]
    public void A_file_included_twice_yields_distinct_tokens_and_is_resolved_once() => CheckFacts(
        """
        `include "twice.svh"
        `include "twice.svh"
        //- /twice.svh
        x
        """,
        """
        include twice.svh at /main.sv:1:1 -> /twice.svh
        include twice.svh at /main.sv:2:1 -> /twice.svh
        site /twice.svh: `include "twice.svh"
        resolve calls 1
        """);

    [Fact]
    public void An_include_made_by_a_macro_is_reported_at_the_macro_use() => CheckFacts(
        """
        `define DO_INCLUDE(FN) `include FN
           `DO_INCLUDE("missing.svh")
        // ^^^^^^^^^^^^^^^^^^^^^^^^^^ error HDL1101: cannot find include file 'missing.svh'
        """,
        """
        include missing.svh at /main.sv:2:4 -> (not found)
        macro DO_INCLUDE(FN) = `include FN at /main.sv:1:9
        resolve calls 1
        """);

    [Fact]
    public void Code_after_the_file_name_follows_the_included_tokens() => CheckPreprocessed(
        """
        pll #(`include "params.vh") u ();
        pll #(`include "generated_later.vh") v ();
        //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error HDL1101: cannot find include file 'generated_later.vh'
        //- /params.vh
        .MODE(1)
        """,
        "pll # ( . MODE ( 1 ) ) u ( ) ; pll # ( ) v ( ) ;");

    [Fact]
    public void Include_of_an_undefined_macro_reports_the_macro() => CheckDiagnostics(
        """
        `include `REQUESTS_FILE
        //       ^^^^^^^^^^^^^^ error HDL1104: macro 'REQUESTS_FILE' is not defined
        """);
}
