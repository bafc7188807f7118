using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>Each elaboration diagnostic (HDL20xx) fires on its case and stays quiet on the correct twin.</summary>
public class ElaborationDiagnosticsTests
{
    [Fact]
    public void Unresolved_unit_is_a_leaf_marked_in_the_hierarchy_and_a_warning()
    {
        CheckDiagnostics("""
            module top; missing_block u_x (); endmodule
            """, """
            /top.sv:1:27: warning HDL2001: instance 'u_x' names unit 'missing_block', which is not defined in the workspace
            """, hierarchy: """
            top
              u_x : missing_block (unresolved)
            """);
    }

    [Fact]
    public void Named_connection_to_a_port_the_unit_lacks()
    {
        CheckDiagnostics("""
            module leaf(input logic a, output logic y); endmodule
            module top; logic s; leaf u (.a(s), .b(s), .y()); endmodule
            """, """
            /top.sv:2:37: error HDL2002: unit 'leaf' has no port named 'b'
            """);
    }

    [Fact]
    public void More_positional_connections_than_ports()
    {
        CheckDiagnostics("""
            module leaf(input logic a); endmodule
            module top; logic x, y; leaf u (x, y); endmodule
            """, """
            /top.sv:2:30: error HDL2003: instance 'u' connects 2 ports by position but unit 'leaf' has 1
            """);
    }

    [Fact]
    public void Vhdl_port_and_generic_names_match_ignoring_case_and_partial_association_names_the_port()
    {
        CheckDiagnostics("""
            //- /a.vhd
            entity leaf is generic (Width : natural := 1); port (D : in bit_vector(3 downto 0)); end entity;
            architecture rtl of leaf is begin end architecture;
            entity top is end entity;
            architecture rtl of top is
              signal s : bit_vector(3 downto 0);
            begin
              u : entity work.leaf generic map (WIDTH => 2) port map (d(1 downto 0) => s(1 downto 0), d(3 downto 2) => s(3 downto 2));
            end architecture;
            """, "");
    }

    [Fact]
    public void Unknown_parameter_and_too_many_positional_overrides()
    {
        CheckDiagnostics("""
            module leaf #(parameter W = 1, localparam L = 2) (); endmodule
            module top;
              leaf #(.WIDTH(8)) u_named ();
              leaf #(8, 2) u_positional ();
              leaf #(.W(8)) u_fine ();
            endmodule
            """, """
            /top.sv:3:10: error HDL2004: unit 'leaf' has no parameter named 'WIDTH'
            /top.sv:4:16: error HDL2005: instance 'u_positional' overrides 2 parameters by position but unit 'leaf' has 1
            """);
    }

    [Fact]
    public void Duplicate_unit_binds_to_the_last_definition()
    {
        CheckDiagnostics("""
            //- /a.sv
            module m; endmodule
            //- /b.sv
            module m; endmodule
            """, """
            /b.sv:1:8: warning HDL2006: unit 'm' is defined more than once; the last definition analysed is used
            """);
    }

    [Fact]
    public void Units_only_a_losing_duplicate_instantiates_are_tops()
    {
        CheckDiagnostics("""
            //- /board_tb.sv
            module testbench; board u_board (); endmodule
            //- /board.sv
            module board; endmodule
            //- /flash_tb.sv
            module testbench; flash u_flash (); endmodule
            //- /flash.sv
            module flash; endmodule
            """, """
            /flash_tb.sv:1:8: warning HDL2006: unit 'testbench' is defined more than once; the last definition analysed is used
            """, hierarchy: """
            board
            testbench
              u_flash : flash
            """);
    }

    [Fact]
    public void Recursive_instantiation_stops_the_branch()
    {
        CheckDiagnostics("""
            module a; b u_b (); endmodule
            module b; a u_a (); endmodule
            module top; a u_a (); endmodule
            """, """
            /top.sv:2:13: error HDL2007: unit 'a' instantiates itself through instance 'u_a'
            """, hierarchy: """
            top
              u_a : a
                u_b : b
                  u_a : a (recursive, not expanded)
            """);
    }

    [Fact]
    public void Unknown_top()
    {
        CheckDiagnostics("""
            module top; endmodule
            """, """
            hdl: error HDL2008: top unit 'no_such_module' is not defined in the workspace
            """, tops: ["no_such_module"]);
    }

    [Fact]
    public void Unknown_architecture_falls_back_to_the_most_recently_analysed_one()
    {
        CheckDiagnostics("""
            //- /a.vhd
            entity counter is end entity;
            architecture rtl of counter is begin end architecture;
            entity top is end entity;
            architecture rtl of top is
            begin
              u : entity work.counter(fast);
            end architecture;
            """, """
            /a.vhd:6:3: error HDL2009: entity 'counter' has no architecture 'fast'
            """, hierarchy: """
            top(rtl)
              u : counter(rtl)
            """);
    }

    [Fact]
    public void A_correct_design_has_no_elaboration_diagnostics()
    {
        CheckDiagnostics("""
            module leaf #(parameter W = 1) (input logic [W-1:0] a, output logic y); endmodule
            module top; logic [3:0] s; logic y; leaf #(4) u_pos (s, y); leaf #(.W(4)) u_named (.a(s), .y); leaf u_wild (.*); endmodule
            """, "");
    }

    private static void CheckDiagnostics(string fixture, string expected, string? hierarchy = null, string[]? tops = null)
    {
        var index = new MemoryWorkspace(fixture).BuildIndex();
        Assert.All(index.Files, file => Assert.Empty(file.Diagnostics));
        var elaborated = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = [.. tops ?? []] }, CancellationToken.None);
        var rendered = elaborated.Diagnostics.Select(diagnostic =>
            string.IsNullOrEmpty(diagnostic.Location.Path)
                ? $"hdl: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.Message}"
                : diagnostic.ToString());
        Assert.Equal(expected.Trim(), string.Join('\n', rendered));
        if (hierarchy is not null)
        {
            Assert.Equal(hierarchy, HierarchyDump.Render(elaborated));
        }
    }
}
