using Hdl.Workspace.Features;

namespace Hdl.Workspace.Tests.Features;

/// <summary>Inlay hints at instances and calls, shown inline as ⟨label⟩ in the file of the cursor-less fixture's last file.</summary>
public class InlayHintTests
{
    [Fact]
    public void Named_connections_show_direction_and_the_width_computed_from_the_parameters()
    {
        CheckInlayHints("""
            //- /rtl/fifo.sv
            module fifo #(parameter W = 4) (input logic clk, input logic [W-1:0] din, output logic [W-1:0] dout);
            endmodule
            //- /rtl/top.sv
            module top(input logic clk, input logic [7:0] d, output logic [7:0] q);
              fifo #(.W(8)) u_fifo (.clk(clk), .din(d), .dout(q));
            endmodule
            """, "/rtl/top.sv", """
            module top(input logic clk, input logic [7:0] d, output logic [7:0] q);
              fifo #(.W(8)) u_fifo (.clk(clk)⟨input⟩, .din(d)⟨input [7:0]⟩, .dout(q)⟨output [7:0]⟩);
            endmodule
            """);
    }

    [Fact]
    public void Before_the_hierarchy_is_elaborated_named_connections_show_the_declared_dimensions()
    {
        // The server answers without waiting for elaboration; the next request, once it is made, has the widths.
        var parsed = EditorFixture.Parse("""
            //- /rtl/fifo.sv
            module fifo #(parameter W = 4) (input logic clk, input logic [W-1:0] din, output logic [W-1:0] dout);
            endmodule
            //- /rtl/top.sv
            module top(input logic clk, input logic [7:0] d, output logic [7:0] q);
              fifo #(.W(8)) u_fifo (.clk(clk), .din(d), .dout(q));
            endmodule
            """);
        var text = parsed.TextOf("/rtl/top.sv");
        var hints = InlayHints.Compute(parsed.Index, hierarchy: null, text, default, new Hdl.Syntax.Text.LinePosition(int.MaxValue, 0), CancellationToken.None);
        Assert.Equal("""
            module top(input logic clk, input logic [7:0] d, output logic [7:0] q);
              fifo #(.W(8)) u_fifo (.clk(clk)⟨input⟩, .din(d)⟨input [W-1:0]⟩, .dout(q)⟨output [W-1:0]⟩);
            endmodule
            """, EditorFixture.Insert(text, hints.Select(hint => (hint.Position, hint.Position, $"⟨{hint.Label}⟩"))).TrimEnd('\n'));
    }

    [Fact]
    public void Instances_elaborated_with_different_widths_show_the_dimensions_as_written()
    {
        CheckInlayHints("""
            //- /rtl/reg.v
            module regn #(parameter N = 1) (input clk, input [N-1:0] d, output reg [N-1:0] q);
            endmodule
            //- /rtl/wrap.v
            module wrap #(parameter M = 2) (input clk, input [M-1:0] d, output [M-1:0] q);
              regn #(.N(M)) u_reg (.clk(clk), .d(d), .q(q));
            endmodule
            //- /rtl/top.v
            module top(input clk, input [7:0] a, output [7:0] b);
              wrap #(.M(2)) u_two (.clk(clk), .d(a[1:0]), .q(b[1:0]));
              wrap #(.M(6)) u_six (.clk(clk), .d(a[7:2]), .q(b[7:2]));
            endmodule
            """, "/rtl/wrap.v", """
            module wrap #(parameter M = 2) (input clk, input [M-1:0] d, output [M-1:0] q);
              regn #(.N(M)) u_reg (.clk(clk)⟨input⟩, .d(d)⟨input [N-1:0]⟩, .q(q)⟨output [N-1:0]⟩);
            endmodule
            """);
    }

    [Fact]
    public void Positional_connections_and_call_arguments_are_named()
    {
        CheckInlayHints("""
            //- /rtl/add.sv
            module add(input logic [3:0] a, input logic [3:0] b, output logic [3:0] s);
              function automatic logic [3:0] sum(input logic [3:0] x, input logic [3:0] y);
                return x + y;
              endfunction
              assign s = sum(a, b);
            endmodule
            //- /rtl/top.sv
            module top(input logic [3:0] p, output logic [3:0] r);
              add u_add (p, 4'd1, r);
            endmodule
            """, "/rtl/add.sv", """
            module add(input logic [3:0] a, input logic [3:0] b, output logic [3:0] s);
              function automatic logic [3:0] sum(input logic [3:0] x, input logic [3:0] y);
                return x + y;
              endfunction
              assign s = sum(⟨x:⟩a, ⟨y:⟩b);
            endmodule
            """);
        CheckInlayHints("""
            //- /rtl/add.sv
            module add(input logic [3:0] a, input logic [3:0] b, output logic [3:0] s);
            endmodule
            //- /rtl/top.sv
            module top(input logic [3:0] p, output logic [3:0] r);
              add u_add (p, 4'd1, r);
            endmodule
            """, "/rtl/top.sv", """
            module top(input logic [3:0] p, output logic [3:0] r);
              add u_add (⟨a:⟩p, ⟨b:⟩4'd1, ⟨s:⟩r);
            endmodule
            """);
    }

    [Fact]
    public void Vhdl_port_map_associations_show_mode_and_constrained_type()
    {
        CheckInlayHints("""
            //- /rtl/buf.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity buf is
              generic (W : natural := 4);
              port (clk : in std_logic; d : in std_logic_vector(W-1 downto 0); q : out std_logic_vector(W-1 downto 0));
            end entity;
            architecture rtl of buf is
            begin
            end architecture;
            //- /rtl/top.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity top is
              port (clk : in std_logic; a : in std_logic_vector(7 downto 0); b : out std_logic_vector(7 downto 0));
            end entity;
            architecture rtl of top is
            begin
              u_buf : entity work.buf generic map (W => 8) port map (clk => clk, d => a, q => b);
            end architecture;
            """, "/rtl/top.vhd", """
            library ieee;
            use ieee.std_logic_1164.all;
            entity top is
              port (clk : in std_logic; a : in std_logic_vector(7 downto 0); b : out std_logic_vector(7 downto 0));
            end entity;
            architecture rtl of top is
            begin
              u_buf : entity work.buf generic map (W => 8) port map (clk => clk⟨in std_logic⟩, d => a⟨in std_logic_vector(7 downto 0)⟩, q => b⟨out std_logic_vector(7 downto 0)⟩);
            end architecture;
            """);
    }

    [Fact]
    public void A_vhdl_procedure_call_names_its_positional_arguments()
    {
        CheckInlayHints("""
            //- /rtl/p.vhd
            entity p is
            end entity;
            architecture sim of p is
              procedure pulse(signal s : out bit; n : in integer) is
              begin
                s <= '1';
              end procedure;
              signal strobe : bit;
            begin
              process
              begin
                pulse(strobe, 3);
                pulse(s => strobe, n => 2);
                wait;
              end process;
            end architecture;
            """, "/rtl/p.vhd", """
            entity p is
            end entity;
            architecture sim of p is
              procedure pulse(signal s : out bit; n : in integer) is
              begin
                s <= '1';
              end procedure;
              signal strobe : bit;
            begin
              process
              begin
                pulse(⟨s:⟩strobe, ⟨n:⟩3);
                pulse(s => strobe, n => 2);
                wait;
              end process;
            end architecture;
            """);
    }

    [Fact]
    public void An_unresolved_instance_has_no_hints()
    {
        CheckInlayHints("""
            module top(input logic clk);
              missing u_missing (.clk(clk));
            endmodule
            """, "/top.sv", """
            module top(input logic clk);
              missing u_missing (.clk(clk));
            endmodule
            """);
    }

    private static void CheckInlayHints(string fixture, string path, string expected)
    {
        var parsed = EditorFixture.Parse(fixture);
        var text = parsed.TextOf(path);
        var hints = InlayHints.Compute(parsed.Index, parsed.Hierarchy, text, default, new Hdl.Syntax.Text.LinePosition(int.MaxValue, 0), CancellationToken.None);
        var rendered = EditorFixture.Insert(text, hints.Select(hint => (hint.Position, hint.Position, $"⟨{hint.Label}⟩")));
        Assert.Equal(expected.ReplaceLineEndings("\n"), rendered.TrimEnd('\n'));
    }
}
