using Hdl.Workspace.Graph;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Graph;

/// <summary>The repository graph: its edges for each kind of fact, and the queries the workspace answers from it.</summary>
public class RepositoryGraphTests
{
    private const string Design = """
        //- /rtl/defs.svh
        `define W 4
        //- /rtl/pkg.sv
        package bus_pkg; parameter int N = 2; endpackage
        //- /rtl/leaf.sv
        module leaf(input logic clk, input logic [3:0] d, output logic [3:0] q);
          always_ff @(posedge clk) q <= d;
        endmodule
        //- /rtl/top.sv
        `include "defs.svh"
        module top import bus_pkg::*; (input logic clk, input logic [`W-1:0] din, output logic [`W-1:0] dout);
          logic [3:0] mid;
          assign mid = din;
          leaf u_a (.clk, .d(mid), .q(dout));
        endmodule
        //- /rtl/user.sv
        module user(output logic [bus_pkg::N-1:0] y); assign y = '0; endmodule
        //- /tb/tb.sv
        module tb; logic clk; top dut (.clk(clk), .din(), .dout()); endmodule
        """;

    [Fact]
    public void Edges_of_each_kind()
    {
        CheckEdges(Design, "unit:top", """
            file:/rtl/top.sv -contains-> unit:top
            instance:unit:tb/dut -instantiates-> unit:top
            unit:top -contains-> instance:unit:top/u_a
            unit:top -contains-> port:unit:top/clk
            unit:top -contains-> port:unit:top/din
            unit:top -contains-> port:unit:top/dout
            unit:top -contains-> process:unit:top/assign0
            unit:top -contains-> signal:unit:top/mid
            unit:top -imports-> unit:bus_pkg
            """);
        CheckEdges(Design, "process:unit:top/assign0", """
            process:unit:top/assign0 -drives-> signal:unit:top/mid
            process:unit:top/assign0 -reads-> port:unit:top/din
            unit:top -contains-> process:unit:top/assign0
            """);
        CheckEdges(Design, "port:unit:leaf/d", """
            process:unit:leaf/0 -reads-> port:unit:leaf/d
            signal:unit:top/mid -connects-> port:unit:leaf/d
            unit:leaf -contains-> port:unit:leaf/d
            """);
        CheckEdges(Design, "file:/rtl/top.sv", """
            file:/rtl/top.sv -contains-> unit:top
            file:/rtl/top.sv -includes-> file:/rtl/defs.svh
            """);
    }

    [Fact]
    public void Queries_children_parents_package_users_and_file_dependencies()
    {
        var graph = RepositoryGraph.Build(new MemoryWorkspace(Design).BuildIndex(), CancellationToken.None);
        var dut = graph.FindNode("instance:unit:tb/dut")!;
        var uA = graph.FindNode("instance:unit:top/u_a")!;
        Assert.Equal("u_a", string.Join(", ", graph.ChildrenOf(dut).Select(node => node.Name)));
        Assert.Equal("dut", string.Join(", ", graph.ParentsOf(uA).Select(node => node.Name)));
        Assert.Equal("top, user", string.Join(", ", graph.UnitsUsing(graph.FindUnit("bus_pkg")!).Select(node => node.Name)));
        Assert.Equal("/tb/tb.sv, /rtl/top.sv, /rtl/defs.svh, /rtl/pkg.sv, /rtl/leaf.sv", string.Join(", ", graph.FilesUnitDependsOn(graph.FindUnit("tb")!).Select(node => node.Name)));
    }

    [Fact]
    public void Vhdl_architecture_belongs_to_its_entity_and_its_instances_are_the_entity_children()
    {
        var graph = RepositoryGraph.Build(new MemoryWorkspace("""
            //- /a.vhd
            entity leaf is port (d : in bit); end entity;
            architecture rtl of leaf is begin end architecture;
            entity top is port (x : in bit); end entity;
            architecture rtl of top is
            begin
              u : entity work.leaf port map (d => x);
            end architecture;
            entity tb is end entity;
            architecture sim of tb is
              signal s : bit;
            begin
              dut : entity work.top port map (x => s);
            end architecture;
            """).BuildIndex(), CancellationToken.None);
        var dut = graph.FindNode("instance:unit:work.tb(sim)/dut")!;
        Assert.Equal("u", string.Join(", ", graph.ChildrenOf(dut).Select(node => node.Name)));
        Assert.Equal("port:unit:work.top/x -connects-> port:unit:work.leaf/d", string.Join("\n", graph.OutEdges(graph.FindNode("port:unit:work.top/x")!, GraphEdgeKind.Connects)));
    }

    private static void CheckEdges(string fixture, string nodeId, string expected)
    {
        var graph = RepositoryGraph.Build(new MemoryWorkspace(fixture).BuildIndex(), CancellationToken.None);
        var node = graph.FindNode(nodeId);
        Assert.NotNull(node);
        var edges = graph.InEdges(node).Concat(graph.OutEdges(node)).Select(edge => edge.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join('\n', edges));
    }
}
