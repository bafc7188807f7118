using Hdl.Workspace.Binding;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Binding;

namespace Hdl.Workspace.Tests.Index;

/// <summary>
/// After an edit the next snapshot's unit table and bindings are the previous ones patched with the changed files,
/// not rebuilt from every file; whatever the edit adds, removes or renames, they equal a snapshot built from nothing.
/// </summary>
public sealed class SnapshotPatchTests
{
    private const string Design = """
        //- /inc/widths.svh
        `define BUS_WIDTH 8
        //- /pkg.sv
        package cfg_pkg;
          parameter int Width = 8;
          typedef struct packed { logic valid; logic [7:0] data; } req_t;
        endpackage
        //- /leaf.sv
        `include "widths.svh"
        module leaf(input logic clk, input cfg_pkg::req_t req, output logic [`BUS_WIDTH-1:0] q);
          logic hold;
          always_ff @(posedge clk) hold <= req.valid;
          assign q = {8{hold}};
        endmodule
        //- /top.sv
        module top(input logic clk, output logic [7:0] q);
          import cfg_pkg::*;
          req_t req;
          logic [Width-1:0] bus;
          assign req.data = bus;
          leaf u_leaf(.clk(clk), .req(req), .q(q));
        endmodule
        //- /twice_a.sv
        module twice(input logic a); endmodule
        //- /bus.sv
        `include "widths.svh"
        module bus_user(output logic [`BUS_WIDTH-1:0] b);
          twice u_twice(.a(b[0]));
          assign b = '0;
        endmodule
        //- /twice_b.sv
        module twice(input logic a, input logic b); endmodule
        //- /tb.sv
        module tb;
          logic clk;
          logic [7:0] q;
          top dut(.clk(clk), .q(q));
        endmodule
        """;

    [Fact]
    public void A_body_edit_patches_and_equals_a_fresh_snapshot()
    {
        CheckSnapshots(Design, new Edit(workspace => Replace(workspace, "/leaf.sv", "assign q = {8{hold}};", "assign q = {8{~hold}};")));
    }

    [Fact]
    public void Renaming_and_adding_modules_and_packages_patches()
    {
        CheckSnapshots(
            Design,
            new Edit(workspace => Replace(workspace, "/leaf.sv", "module leaf(", "module leaf_r(")),
            new Edit(workspace => Replace(workspace, "/pkg.sv", "package cfg_pkg;", "package cfg2_pkg;")),
            new Edit(workspace => Replace(workspace, "/pkg.sv", "endpackage", "endpackage\npackage cfg_pkg;\n  parameter int Width = 4;\nendpackage")),
            new Edit(workspace =>
            {
                workspace.Write("/late.sv", "module leaf(input logic clk, input cfg_pkg::req_t req, output logic [7:0] q); endmodule\n");
                return ["/late.sv"];
            }));
    }

    [Fact]
    public void Editing_the_earlier_of_two_modules_of_one_name_keeps_the_later_one_found()
    {
        CheckSnapshots(
            Design,
            new Edit(workspace => Replace(workspace, "/twice_a.sv", "input logic a", "input logic a, input logic c")),
            new Edit(workspace => Replace(workspace, "/twice_b.sv", "module twice(", "module twice_other(")),
            new Edit(workspace => Replace(workspace, "/twice_b.sv", "module twice_other(", "module twice(")));
    }

    [Fact]
    public void A_file_emptied_of_units_and_filled_again_patches()
    {
        CheckSnapshots(
            Design,
            new Edit(workspace => Replace(workspace, "/pkg.sv", workspace.Read("/pkg.sv", CancellationToken.None).Text!.Text, "// nothing here yet\n")),
            new Edit(workspace => Replace(workspace, "/pkg.sv", "// nothing here yet\n", "package cfg_pkg;\n  parameter int Width = 16;\nendpackage\n")));
    }

    [Fact]
    public void Renaming_a_define_in_a_header_patches_every_includer()
    {
        CheckSnapshots(
            Design,
            new Edit(workspace => Replace(workspace, "/inc/widths.svh", "`define BUS_WIDTH 8", "`define BUS_W 8")),
            new Edit(workspace => Replace(workspace, "/inc/widths.svh", "`define BUS_W 8", "`define BUS_WIDTH 4")));
    }

    [Fact]
    public void Compilation_unit_names_added_and_removed_patch()
    {
        CheckSnapshots(
            Design,
            new Edit(workspace => Replace(workspace, "/tb.sv", "module tb;", "parameter int Extra = 2;\nmodule tb;")),
            new Edit(workspace => Replace(workspace, "/top.sv", "assign req.data = bus;", "assign req.data = bus + Extra;")),
            new Edit(workspace => Replace(workspace, "/tb.sv", "parameter int Extra = 2;\n", string.Empty)));
    }

    [Fact]
    public void Vhdl_units_added_renamed_and_removed_patch()
    {
        const string Mixed = """
            //- /counter_e.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity counter is port (clk : in std_logic; q : out std_logic); end entity;
            //- /counter_a.vhd
            architecture rtl of counter is
            begin
              q <= clk;
            end architecture;
            //- /user.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity user is port (clk : in std_logic); end entity;
            architecture rtl of user is
              signal q : std_logic;
            begin
              u_counter : entity work.counter port map (clk => clk, q => q);
            end architecture;
            """;
        CheckSnapshots(
            Mixed,
            new Edit(workspace => Replace(workspace, "/counter_e.vhd", "entity counter is", "entity counter2 is")),
            new Edit(workspace =>
            {
                workspace.Write("/counter_b.vhd", "architecture fast of counter is\nbegin\n  q <= '0';\nend architecture;\n");
                return ["/counter_b.vhd"];
            }),
            new Edit(workspace => Replace(workspace, "/counter_e.vhd", "entity counter2 is", "entity counter is")),
            new Edit(workspace => Replace(workspace, "/counter_a.vhd", "architecture rtl of counter is", "architecture rtl of other is")));
    }

    [Fact]
    public void Snapshots_without_derived_data_in_between_add_up_their_changes()
    {
        var workspace = new MemoryWorkspace(Design);
        var index = workspace.BuildIndex();
        _ = index.Bindings.Counts;
        index = index.ApplyChanges(Replace(workspace, "/leaf.sv", "module leaf(", "module leaf_r("), workspace, workspace, CancellationToken.None);
        index = index.ApplyChanges(Replace(workspace, "/top.sv", "leaf u_leaf", "leaf_r u_leaf"), workspace, workspace, CancellationToken.None);
        index = index.ApplyChanges(Replace(workspace, "/pkg.sv", "parameter int Width = 8;", "parameter int Width = 8;\n  parameter int Depth = 2;"), workspace, workspace, CancellationToken.None);
        CheckEqualsFresh(workspace, index, patched: true);
    }

    [Fact]
    public void Files_bound_only_in_part_before_the_edit_are_carried_and_equal_a_fresh_snapshot()
    {
        var workspace = new MemoryWorkspace(Design);
        var index = workspace.BuildIndex();
        _ = index.Bindings.ReferencesIn("/top.sv");
        index = index.ApplyChanges(Replace(workspace, "/pkg.sv", "parameter int Width = 8;", "parameter int Width = 8;\n  parameter int Depth = 2;"), workspace, workspace, CancellationToken.None);
        _ = index.Bindings.ReferencesIn("/leaf.sv");
        index = index.ApplyChanges(Replace(workspace, "/leaf.sv", "logic hold;", "logic hold, spare;"), workspace, workspace, CancellationToken.None);
        CheckEqualsFresh(workspace, index, patched: true);
    }

    [Fact]
    public void Deleting_a_file_moves_later_files_in_analysis_order_so_the_next_snapshot_is_rebuilt_then_patched_again()
    {
        CheckSnapshots(
            Design,
            new Edit(
                workspace =>
                {
                    workspace.Delete("/twice_a.sv");
                    return ["/twice_a.sv"];
                },
                Patched: false),
            new Edit(workspace => Replace(workspace, "/bus.sv", "assign b = '0;", "assign b = '1;")));
    }

    /// <summary>Applies the edits one by one; after each, the snapshot (made from the previous one, whose bindings were all bound) must equal a fresh one.</summary>
    private static void CheckSnapshots(string fixture, params Edit[] edits)
    {
        var workspace = new MemoryWorkspace(fixture);
        var index = workspace.BuildIndex();
        _ = index.Bindings.Counts;
        foreach (var edit in edits)
        {
            index = index.ApplyChanges(edit.Apply(workspace), workspace, workspace, CancellationToken.None);
            CheckEqualsFresh(workspace, index, edit.Patched);
            _ = index.Bindings.Counts;
        }
    }

    private static void CheckEqualsFresh(MemoryWorkspace workspace, WorkspaceIndex index, bool patched)
    {
        var fresh = workspace.BuildIndex();
        Assert.Equal(fresh.Units.Dump(), index.Units.Dump());
        Assert.Equal(patched, index.Units.Patched);
        Assert.Equal(patched, index.Bindings.Patched);
        Assert.Equal(IncrementalBindingTests.Render(fresh, WorkspaceBindings.Build(fresh, CancellationToken.None)), IncrementalBindingTests.Render(index, index.Bindings));
    }

    private static string[] Replace(MemoryWorkspace workspace, string path, string oldText, string newText) =>
        IncrementalBindingTests.Replace(workspace, path, oldText, newText);

    private sealed record Edit(Func<MemoryWorkspace, string[]> Apply, bool Patched = true);
}
