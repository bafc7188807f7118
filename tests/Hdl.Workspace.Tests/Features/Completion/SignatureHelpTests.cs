namespace Hdl.Workspace.Tests.Features.Completion;

/// <summary>Signature help in instance port and parameter lists and in calls, in SystemVerilog, VHDL and across both.</summary>
public class SignatureHelpTests
{
    private const string Counter = """
        //- /counter.sv
        module counter #(parameter int W = 4, parameter int STEP = 1) (input logic clk, input logic rst_n, output logic [W-1:0] count);
        endmodule

        """;

    [Fact]
    public void After_a_comma_and_a_dot_in_a_port_list_the_next_port_is_active()
    {
        CheckSignature(Counter + """
            //- /top.sv
            module top(input logic clk);
              counter u (.clk(clk), .$0
            endmodule
            """, "counter (input logic clk, [input logic rst_n], output logic [W-1:0] count)");
    }

    [Fact]
    public void Inside_a_named_connection_its_port_is_active_whatever_the_order()
    {
        CheckSignature(Counter + """
            //- /top.sv
            module top(input logic clk);
              counter u (.count(c$0
            endmodule
            """, "counter (input logic clk, input logic rst_n, [output logic [W-1:0] count])");
    }

    [Fact]
    public void Positional_connections_count_commas()
    {
        CheckSignature(Counter + """
            //- /top.sv
            module top(input logic clk);
              counter #(8) u (clk, $0
            endmodule
            """, "counter (input logic clk, [input logic rst_n], output logic [W-1:0] count)");
    }

    [Fact]
    public void A_parameter_list_shows_the_parameters()
    {
        CheckSignature(Counter + """
            //- /top.sv
            module top;
              counter #(.W(8), .STEP($0
            endmodule
            """, "counter #(parameter int W = 4, [parameter int STEP = 1])");
    }

    [Fact]
    public void A_function_call_shows_its_arguments()
    {
        CheckSignature("""
            module m;
              function automatic logic [7:0] add(input logic [7:0] a, input logic [7:0] b);
                return a + b;
              endfunction
              wire [7:0] s = add(8'd1, $0
            endmodule
            """, "function logic [7:0] add(input logic [7:0] a, [input logic [7:0] b])");
    }

    [Fact]
    public void A_system_function_shows_its_standard_arguments()
    {
        CheckSignature("""
            module m;
              localparam int A = $clog2($0
            endmodule
            """, "$clog2([n])");
    }

    [Fact]
    public void Outside_any_argument_list_there_is_no_signature()
    {
        Assert.Null(CompletionFixture.Parse("""
            module m;
              wire w = $0
            endmodule
            """).Signature());
    }

    private const string Fifo = """
        //- /fifo.vhd
        library ieee;
        use ieee.std_logic_1164.all;
        entity fifo is
          generic (DEPTH : integer := 4; WIDTH : integer := 8);
          port (clk : in std_logic; din : in std_logic_vector(7 downto 0); dout : out std_logic_vector(7 downto 0));
        end entity;

        """;

    [Fact]
    public void A_vhdl_port_map_shows_the_entity_ports_with_the_named_one_active()
    {
        CheckSignature(Fifo + """
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
            begin
              u : entity work.fifo port map (clk => clk, dout => $0
            end architecture;
            """, "entity work.fifo port (clk : in std_logic; din : in std_logic_vector(7 downto 0); [dout : out std_logic_vector(7 downto 0)])");
    }

    [Fact]
    public void A_vhdl_generic_map_shows_the_generics_by_position()
    {
        CheckSignature(Fifo + """
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
            begin
              u : entity work.fifo generic map (2, $0
            end architecture;
            """, "entity work.fifo generic (DEPTH : integer := 4; [WIDTH : integer := 8])");
    }

    [Fact]
    public void A_vhdl_component_instance_port_map_shows_the_entity_ports()
    {
        CheckSignature(Fifo + """
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
              component fifo
                port (clk : in std_logic; din : in std_logic_vector(7 downto 0); dout : out std_logic_vector(7 downto 0));
              end component;
            begin
              u : fifo port map ($0
            end architecture;
            """, "entity work.fifo port ([clk : in std_logic]; din : in std_logic_vector(7 downto 0); dout : out std_logic_vector(7 downto 0))");
    }

    [Fact]
    public void A_vhdl_procedure_call_shows_its_parameters()
    {
        CheckSignature("""
            //- /e.vhd
            entity e is
            end entity;
            architecture rtl of e is
              procedure pulse(signal s : out bit; constant n : in integer) is
              begin
              end procedure;
              signal x : bit;
            begin
              process begin
                pulse(x, $0
              end process;
            end architecture;
            """, "procedure pulse(s : out bit; [n : in integer])");
    }

    [Fact]
    public void A_verilog_module_port_map_from_vhdl_shows_the_module_ports()
    {
        CheckSignature("""
            //- /counter.v
            module counter(input clk, output [3:0] count);
            endmodule
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
            begin
              u : entity work.counter port map (clk => open, $0
            end architecture;
            """, "counter (input clk, [output [3:0] count])");
    }

    /// <summary>The signature label with the active parameter in brackets.</summary>
    private static void CheckSignature(string fixture, string expected)
    {
        var help = CompletionFixture.Parse(fixture).Signature();
        Assert.NotNull(help);
        var signature = help.Signatures[help.ActiveSignature];
        var label = signature.Label;
        if (help.ActiveParameter is { } active)
        {
            var parameter = signature.Parameters[active];
            label = label[..parameter.Start] + "[" + label[parameter.Start..parameter.End] + "]" + label[parameter.End..];
        }

        Assert.Equal(expected, label);
    }
}
