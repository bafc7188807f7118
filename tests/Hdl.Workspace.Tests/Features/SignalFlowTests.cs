using System.Text;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Features;

/// <summary>Drivers and loads across instance boundaries, in one language and across Verilog and VHDL.</summary>
public class SignalFlowTests
{
    private const string TwoLevels = """
        //- /rtl/top.sv
        module top(input logic clk, input logic [7:0] din, output logic [7:0] dout);
          logic [7:0] mid;
          stage u_a (.clk(clk), .d(din), .q(mid));
          stage u_b (.clk, .d(mid), .q(dout));
        endmodule
        //- /rtl/stage.sv
        module stage(input logic clk, input logic [7:0] d, output logic [7:0] q);
          always_ff @(posedge clk) q <= d;
        endmodule
        """;

    [Fact]
    public void Preparing_a_file_builds_the_graph_of_each_of_its_units_once()
    {
        var index = new MemoryWorkspace("""
            //- /rtl/two.sv
            module a(input logic x, output logic y); assign y = x; endmodule
            module b(input logic x, output logic y); assign y = ~x; endmodule
            //- /rtl/other.sv
            module c; endmodule
            """).BuildIndex();
        var flow = new SignalFlow(index);
        Assert.Equal(2, flow.Prepare("/rtl/two.sv"));
        Assert.Equal(0, flow.Prepare("/rtl/two.sv"));
        Assert.Same(flow.GraphOf(index.Units.FindVerilog("a")!), flow.GraphOf(index.Units.FindVerilog("a")!));
    }

    [Fact]
    public void Drivers_of_an_output_cross_down_into_the_child_and_up_through_its_inputs()
    {
        CheckDrivers(TwoLevels, "top.dout", depth: 6, """
            1 top: u_b.q -> dout (port u_b)
            2 top.u_b: d -> q in always_ff
            3 top.u_b: mid -> d (port u_b)
            4 top: u_a.q -> mid (port u_a)
            5 top.u_a: d -> q in always_ff
            6 top.u_a: din -> d (port u_a)
            """);
    }

    [Fact]
    public void Loads_of_an_input_follow_it_into_every_instance_it_feeds()
    {
        CheckLoads(TwoLevels, "top.din", depth: 3, """
            1 top: din -> u_a.d (port u_a)
            2 top.u_a: d -> q in always_ff
            3 top.u_a: q -> mid (port u_a)
            """);
    }

    [Fact]
    public void A_unit_reference_answers_inside_the_unit()
    {
        CheckDrivers(TwoLevels, "stage.q", depth: 3, """
            1 stage: d -> q in always_ff
            """);
    }

    [Fact]
    public void A_unit_reference_crosses_into_the_units_own_instances()
    {
        // `top.mid` names the unit, not an instance path: mid is driven by u_a's output even when top is not a top
        // of the hierarchy (picosoc is instantiated by board files, and `picosoc.sig` must still see its children).
        CheckDrivers(TwoLevels + """

            //- /rtl/board.sv
            module board(input logic clk, input logic [7:0] din, output logic [7:0] dout);
              top u_top (.*);
            endmodule
            """, "top.mid", depth: 3, """
            1 top: u_a.q -> mid (port u_a)
            2 top.u_a: d -> q in always_ff
            3 top.u_a: din -> d (port u_a)
            """);
    }

    [Fact]
    public void A_unit_reference_climbs_back_out_of_a_child_to_the_units_nets()
    {
        // top is not a top here (board instantiates it), so `top.din` is a unit reference: the loads walk goes down
        // into u_a and back up through u_a's output to top's mid, as the instance path `board.u_top.din` does.
        CheckLoads(TwoLevels + """

            //- /rtl/board.sv
            module board(input logic clk, input logic [7:0] din, output logic [7:0] dout);
              top u_top (.*);
            endmodule
            """, "top.din", depth: 3, """
            1 top: din -> u_a.d (port u_a)
            2 top.u_a: d -> q in always_ff
            3 top.u_a: q -> mid (port u_a)
            """);
    }

    [Fact]
    public void Vhdl_entity_inside_a_verilog_top_is_crossed_through_its_architecture()
    {
        CheckDrivers("""
            //- /rtl/top.sv
            module top(input logic clk, input logic a, output logic y);
              inv u_inv (.clk(clk), .a(a), .y(y));
            endmodule
            //- /rtl/inv.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity inv is
              port (clk : in std_logic; a : in std_logic; y : out std_logic);
            end entity;
            architecture rtl of inv is
            begin
              process (clk) begin
                if rising_edge(clk) then
                  y <= not a;
                end if;
              end process;
            end architecture;
            """, "top.y", depth: 3, """
            1 top: u_inv.y -> y (port u_inv)
            2 top.u_inv: a -> y in process
            3 top.u_inv: a -> a (port u_inv)
            """);
    }

    private static void CheckDrivers(string fixture, string reference, int depth, string expected) =>
        Check(fixture, reference, expected, (flow, start) => flow.Drivers(start, depth, CancellationToken.None));

    private static void CheckLoads(string fixture, string reference, int depth, string expected) =>
        Check(fixture, reference, expected, (flow, start) => flow.Loads(start, depth, CancellationToken.None));

    private static void Check(string fixture, string reference, string expected, Func<SignalFlow, SignalReference, IEnumerable<SignalFlowStep>> query)
    {
        var index = new MemoryWorkspace(fixture).BuildIndex();
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default, CancellationToken.None);
        var flow = new SignalFlow(index);
        var start = flow.Resolve(reference, hierarchy);
        Assert.NotNull(start);
        var text = new StringBuilder();
        foreach (var step in query(flow, start))
        {
            text.Append(step.Depth).Append(' ').Append(step.Path).Append(": ").Append(step.Edge.Source).Append(" -> ").Append(step.Edge.Target)
                .Append(step.IsPortConnection ? $" (port {step.Edge.Process})" : $" in {step.Edge.Process}").Append('\n');
        }

        Assert.Equal(expected, text.ToString().TrimEnd('\n'));
    }
}
