using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>
/// The hierarchy of a snapshot made by ApplyChanges: kept from the previous snapshot when no changed file changed
/// what elaboration reads, elaborated again otherwise; either way equal to elaborating the new snapshot afresh, with
/// its nodes pointing at the new snapshot's units.
/// </summary>
public sealed class HierarchyCarryOverTests
{
    private const string Design = """
        //- /rtl/pkg.sv
        package cfg_pkg; parameter int Depth = 4; endpackage
        //- /rtl/leaf.sv
        module leaf #(parameter int W = 1) (input logic [W-1:0] d, output logic [W-1:0] q);
          assign q = d;
        endmodule
        //- /rtl/top.sv
        module top;
          import cfg_pkg::*;
          logic [Depth-1:0] a, b;
          leaf #(.W(Depth)) u_leaf (.d(a), .q(b));
          assign a = '0;
        endmodule
        """;

    [Fact]
    public void A_body_edit_after_the_instances_keeps_the_hierarchy_with_the_new_units()
    {
        CheckCarryOver(Design, workspace => Replace(workspace, "/rtl/top.sv", "assign a = '0;", "assign a = '1;"), kept: true, """
            top
              u_leaf : leaf #(W=4)
            """);
    }

    [Fact]
    public void Lines_added_above_the_instances_keep_the_hierarchy_and_move_the_sites_and_diagnostics()
    {
        const string Fixture = """
            //- /rtl/leaf.sv
            module leaf(input logic d, output logic q); assign q = d; endmodule
            //- /rtl/top.sv
            module top;
              logic a, b;
              leaf u_leaf (.d(a), .q(b), .nope(a));
            endmodule
            """;
        CheckCarryOver(Fixture, workspace => Replace(workspace, "/rtl/top.sv", "  logic a, b;", "  // a comment\n  logic a;\n  logic b;"), kept: true, """
            top
              u_leaf : leaf
            """);
    }

    [Fact]
    public void A_body_edit_in_a_leaf_keeps_the_hierarchy()
    {
        CheckCarryOver(Design, workspace => Replace(workspace, "/rtl/leaf.sv", "assign q = d;", "assign q = ~d;"), kept: true, """
            top
              u_leaf : leaf #(W=4)
            """);
    }

    [Fact]
    public void A_comment_typed_above_a_port_keeps_the_hierarchy()
    {
        // The comment becomes the port's documentation in the model; elaboration does not read it.
        CheckCarryOver(Design, workspace => Replace(workspace, "/rtl/leaf.sv", "output logic [W-1:0] q", "\n  // the result\n  output logic [W-1:0] q"), kept: true, """
            top
              u_leaf : leaf #(W=4)
            """);
    }

    [Fact]
    public void Changing_a_package_constant_elaborates_again()
    {
        CheckCarryOver(Design, workspace => Replace(workspace, "/rtl/pkg.sv", "Depth = 4", "Depth = 8"), kept: false, """
            top
              u_leaf : leaf #(W=8)
            """);
    }

    [Fact]
    public void Adding_an_instance_elaborates_again()
    {
        CheckCarryOver(Design, workspace => Replace(workspace, "/rtl/top.sv", "assign a = '0;", "leaf u_more (.d(a[0]), .q());\n  assign a = '0;"), kept: false, """
            top
              u_leaf : leaf #(W=4)
              u_more : leaf #(W=1)
            """);
    }

    [Fact]
    public void A_new_file_with_a_module_elaborates_again()
    {
        CheckCarryOver(Design, workspace =>
        {
            workspace.Write("/tb/tb.sv", "module tb; top dut (); endmodule\n");
            return ["/tb/tb.sv"];
        }, kept: false, """
            tb
              dut : top
                u_leaf : leaf #(W=4)
            """);
    }

    [Fact]
    public void A_hierarchy_is_ready_once_elaborated_and_asking_does_not_elaborate()
    {
        // The server asks ElaboratedOrNull on the request path and elaborates in the background when it is null.
        var workspace = new MemoryWorkspace(Design);
        var index = workspace.BuildIndex();
        Assert.Null(index.ElaboratedOrNull(ElaborationOptions.Default));
        Assert.Null(index.ElaboratedOrNull(ElaborationOptions.Default));
        var made = index.Elaborate(ElaborationOptions.Default, CancellationToken.None);
        Assert.Same(made, index.ElaboratedOrNull(ElaborationOptions.Default));
        Assert.Null(index.ElaboratedOrNull(ElaborationOptions.Default with { Tops = ["leaf"] }));

        var next = index.ApplyChanges(Replace(workspace, "/rtl/top.sv", "assign a = '0;", "assign a = '1;"), workspace, workspace, CancellationToken.None);
        Assert.Null(next.ElaboratedOrNull(ElaborationOptions.Default));
        Assert.Equal(HierarchyDump.Render(made), HierarchyDump.Render(next.Elaborate(ElaborationOptions.Default, CancellationToken.None)));
    }

    [Fact]
    public void Moving_an_instance_from_a_vhdl_if_generate_branch_to_its_else_branch_elaborates_again()
    {
        const string Fixture = """
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            entity top is generic (EN : boolean := true); end entity;
            architecture rtl of top is
            begin
              g_en : if EN generate
                u_leaf : entity work.leaf;
              else generate
              end generate;
            end architecture;
            """;
        CheckCarryOver(Fixture, workspace => Replace(workspace, "/rtl/top.vhd", "    u_leaf : entity work.leaf;\n  else generate\n", "  else generate\n    u_leaf : entity work.leaf;\n"), kept: false, """
            top(rtl) #(EN=true)
            """);
    }

    [Fact]
    public void Instances_an_edit_does_not_touch_stay_the_same_nodes()
    {
        var workspace = new MemoryWorkspace("""
            //- /rtl/a.sv
            module a; logic x; endmodule
            //- /rtl/b.sv
            module b; logic y; endmodule
            //- /rtl/top.sv
            module top; a u_a (); b u_b (); endmodule
            """);
        var index = workspace.BuildIndex();
        var before = index.Elaborate(ElaborationOptions.Default, CancellationToken.None);
        _ = index.Bindings; // as after the server's warm-up: the next snapshot derives its units and bindings from this one
        var next = index.ApplyChanges(Replace(workspace, "/rtl/a.sv", "module a;", "// edited\nmodule a;"), workspace, workspace, CancellationToken.None);
        var after = next.Elaborate(ElaborationOptions.Default, CancellationToken.None);

        Assert.NotNull(HierarchyCarryOver.Carry(index, next, before, CancellationToken.None));
        var (oldTop, newTop) = (Assert.Single(before.Tops), Assert.Single(after.Tops));
        Assert.NotSame(oldTop.Children.Single(node => node.Name == "u_a"), newTop.Children.Single(node => node.Name == "u_a"));
        Assert.Same(oldTop.Children.Single(node => node.Name == "u_b"), newTop.Children.Single(node => node.Name == "u_b"));
        Assert.Same(next.Units.All.Single(unit => unit.Name == "a"), newTop.Children.Single(node => node.Name == "u_a").Unit);
    }

    private static void CheckCarryOver(string fixture, Func<MemoryWorkspace, string[]> edit, bool kept, string expected)
    {
        var workspace = new MemoryWorkspace(fixture);
        var index = workspace.BuildIndex();
        var before = index.Elaborate(ElaborationOptions.Default, CancellationToken.None);
        var next = index.ApplyChanges(edit(workspace), workspace, workspace, CancellationToken.None);
        var after = next.Elaborate(ElaborationOptions.Default, CancellationToken.None);
        var fresh = HierarchyElaborator.Elaborate(next, ElaborationOptions.Default, CancellationToken.None);

        Assert.Equal(expected.ReplaceLineEndings("\n").TrimEnd(), HierarchyDump.Render(after).ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal(HierarchyDump.Render(fresh), HierarchyDump.Render(after));
        Assert.Equal(string.Join('\n', Nodes(fresh.Tops).Select(node => $"{node.Name} {node.Location}")), string.Join('\n', Nodes(after.Tops).Select(node => $"{node.Name} {node.Location}")));
        Assert.Equal(string.Join('\n', fresh.Diagnostics), string.Join('\n', after.Diagnostics));
        Assert.Equal(kept, HierarchyCarryOver.Carry(index, next, before, CancellationToken.None) is not null);
        Assert.Same(after, next.Elaborate(ElaborationOptions.Default, CancellationToken.None));
        foreach (var node in Nodes(after.Tops))
        {
            Assert.True(node.Unit is null || next.Units.All.Contains(node.Unit), $"{node.Name} points at a unit of an older snapshot");
        }
    }

    private static IEnumerable<HierarchyNode> Nodes(IEnumerable<HierarchyNode> nodes) =>
        nodes.SelectMany(node => Nodes(node.Children).Prepend(node));

    private static string[] Replace(MemoryWorkspace workspace, string path, string oldText, string newText) =>
        Binding.IncrementalBindingTests.Replace(workspace, path, oldText, newText);
}
