using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// The real `hdl serve` binary, started once for the whole end-to-end collection on a mixed-language workspace
/// (Verilog, SystemVerilog with an include and an `ifdef, VHDL), initialized and indexed.
/// </summary>
public sealed class ServerProcessFixture : IAsyncLifetime
{
    public const string Workspace = """
        //- /rtl/defs.svh
        `define WIDTH 8
        //- /rtl/counter.v
        // Counts clock edges.
        module counter #(parameter N = 4) (input clk, input rst, output reg [N-1:0] count);
          always @(posedge clk)
            if (rst) count <= 0;
            else count <= count + 1;
        endmodule
        //- /rtl/top.sv
        `include "defs.svh"
        module top(input logic clk, input logic rst, output logic [`WIDTH-1:0] q);
          logic [3:0] value;
          counter #(.N(4)) u_counter (.clk(clk), .rst(rst), .count(value));
          fifo u_fifo (.clk(clk), .din(value), .dout(q));
        `ifdef SIMULATION
          initial $display("sim");
        `endif
        endmodule
        //- /rtl/fifo.vhd
        library ieee;
        use ieee.std_logic_1164.all;
        -- A one-stage buffer.
        entity fifo is
          port (clk : in std_logic; din : in std_logic_vector(3 downto 0); dout : out std_logic_vector(7 downto 0));
        end entity;
        architecture rtl of fifo is
          signal stage : std_logic_vector(3 downto 0);
        begin
          process (clk) begin
            if rising_edge(clk) then
              stage <= din;
            end if;
          end process;
          dout <= "0000" & stage;
        end architecture;
        """;

    private LspSession? _session;

    internal LspSession Session => _session ?? throw new InvalidOperationException("not started");

    internal Fixture Files { get; } = Fixture.Parse(Workspace);

    public JsonNode? InitializeResult { get; private set; }

    public async Task InitializeAsync()
    {
        var root = LspSession.NewRoot();
        LspSession.Write(root, Files);
        _session = await LspSession.StartProcessAsync(root);
        InitializeResult = await _session.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerProcessCollection : ICollectionFixture<ServerProcessFixture>
{
    public const string Name = "hdl serve process";
}
