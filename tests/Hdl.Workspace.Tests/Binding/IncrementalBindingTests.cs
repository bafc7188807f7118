using System.Text;
using Hdl.Workspace.Binding;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Binding;

/// <summary>
/// Bindings carried over between snapshots: after an edit only the edited file and the files that looked up a name
/// the edit added, removed or moved are bound again, and the result equals binding the new snapshot from scratch.
/// </summary>
public sealed class IncrementalBindingTests
{
    internal const string PackageAndUsers = """
        //- /pkg.sv
        package cfg_pkg;
          parameter int Width = 8;
          typedef struct packed { logic valid; logic [7:0] data; } req_t;
        endpackage
        //- /leaf.sv
        module leaf(input logic clk, input cfg_pkg::req_t req, output logic q);
          logic hold;
          always_ff @(posedge clk) hold <= req.valid;
          assign q = hold;
        endmodule
        //- /top.sv
        module top(input logic clk, output logic q);
          import cfg_pkg::*;
          req_t req;
          logic [Width-1:0] bus;
          assign req.data = bus;
          wire [3:0] sel = Mode;
          leaf u_leaf(.clk(clk), .req(req), .q(q));
        endmodule
        //- /other.sv
        module other(input logic a, output logic b);
          assign b = a;
        endmodule
        //- /tb.sv
        module tb;
          logic clk, q, probe;
          top dut(.clk(clk), .q(q));
          leaf u_probe(.clk(clk), .req('0), .q());
          assign probe = u_probe.hold;
        endmodule
        """;

    [Fact]
    public void Editing_a_body_rebinds_only_that_file()
    {
        CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/other.sv", "assign b = a;", "assign b = ~a;"), "/other.sv");
    }

    [Fact]
    public void Moving_a_signal_that_another_file_names_hierarchically_rebinds_that_file()
    {
        // tb.sv names u_probe.hold inside its leaf instance; the edit moves `hold`, so its definition location changes.
        CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/leaf.sv", "  logic hold;", "  logic unused;\n  logic hold;"), "/leaf.sv, /tb.sv");
    }

    [Fact]
    public void Editing_a_body_after_the_ports_does_not_rebind_instantiating_files()
    {
        CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/leaf.sv", "assign q = hold;", "assign q = !hold;"), "/leaf.sv");
    }

    [Fact]
    public void Adding_a_package_member_rebinds_the_files_that_looked_that_name_up()
    {
        // top.sv imports cfg_pkg::* and names Mode, which nothing declared; leaf.sv names cfg_pkg::req_t only.
        var after = CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/pkg.sv", "endpackage", "  parameter int Mode = 1;\nendpackage"), "/pkg.sv, /top.sv");
        Assert.DoesNotContain("HDL3001", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_package_member_rebinds_its_users_and_reports_them()
    {
        var after = CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/pkg.sv", "  parameter int Width = 8;\n", string.Empty), "/pkg.sv, /leaf.sv, /top.sv");
        Assert.Contains("HDL3001", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_module_rebinds_its_instantiators()
    {
        CheckRebinding(PackageAndUsers, workspace => Replace(workspace, "/leaf.sv", "module leaf(", "module leaf2("), "/leaf.sv, /top.sv, /tb.sv");
    }

    [Fact]
    public void Adding_a_module_that_a_file_instantiated_without_finding_it_rebinds_that_file()
    {
        const string Fixture = """
            //- /top.sv
            module top(input logic a, output logic b);
              missing u_m(.x(a), .y(b));
            endmodule
            //- /unrelated.sv
            module unrelated; endmodule
            """;
        CheckRebinding(Fixture, workspace =>
        {
            workspace.Write("/missing.sv", "module missing(input logic x, output logic y); assign y = x; endmodule\n");
            return ["/missing.sv"];
        }, "/top.sv, /missing.sv");
    }

    [Fact]
    public void Deleting_a_file_rebinds_the_files_that_used_it_and_the_ones_after_it()
    {
        // Files after the deleted one move in analysis order; their units are new objects, so they are bound again.
        CheckRebinding(PackageAndUsers, workspace =>
        {
            workspace.Delete("/other.sv");
            return ["/other.sv"];
        }, "/tb.sv");
    }

    [Fact]
    public void A_compilation_unit_name_added_in_one_file_rebinds_the_files_that_missed_it()
    {
        const string Fixture = """
            //- /defs.sv
            typedef logic [3:0] nibble_t;
            //- /user.sv
            module user(input nibble_t n, output logic o);
              assign o = n[0] & Extra;
            endmodule
            //- /plain.sv
            module plain(input logic a, output logic b);
              assign b = a;
            endmodule
            """;
        CheckRebinding(Fixture, workspace => Replace(workspace, "/defs.sv", "typedef logic [3:0] nibble_t;", "typedef logic [3:0] nibble_t;\nparameter Extra = 1;"), "/defs.sv, /user.sv");
    }

    [Fact]
    public void Vhdl_architecture_is_rebound_when_its_entity_in_another_file_changes_a_port()
    {
        const string Fixture = """
            //- /counter_e.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity counter is port (clk : in std_logic; q : out std_logic); end entity;
            //- /counter_a.vhd
            architecture rtl of counter is
            begin
              q <= clk;
            end architecture;
            //- /unrelated.vhd
            entity unrelated is end entity;
            architecture rtl of unrelated is begin end architecture;
            """;
        CheckRebinding(Fixture, workspace => Replace(workspace, "/counter_e.vhd", "clk : in std_logic", "clk, rst : in std_logic"), "/counter_e.vhd, /counter_a.vhd");
    }

    [Fact]
    public void Snapshots_in_between_without_bindings_are_skipped()
    {
        var workspace = new MemoryWorkspace(PackageAndUsers);
        var index = workspace.BuildIndex();
        _ = index.Bindings;
        index = index.ApplyChanges(Replace(workspace, "/other.sv", "assign b = a;", "assign b = ~a;"), workspace, workspace, CancellationToken.None);
        index = index.ApplyChanges(Replace(workspace, "/leaf.sv", "module leaf(", "module leaf2("), workspace, workspace, CancellationToken.None);
        Assert.Equal("/leaf.sv, /top.sv, /other.sv, /tb.sv", string.Join(", ", index.Bindings.BoundPaths));
        Assert.Equal(Render(index, WorkspaceBindings.Build(index, CancellationToken.None)), Render(index, index.Bindings));
    }

    /// <summary>
    /// Binds the fixture, applies the edit, and checks which files the next snapshot bound (in file order) and that
    /// its bindings equal a from-scratch build; returns the rendered bindings after the edit.
    /// </summary>
    private static string CheckRebinding(string fixture, Func<MemoryWorkspace, string[]> edit, string expectedBound)
    {
        var workspace = new MemoryWorkspace(fixture);
        var index = workspace.BuildIndex();
        Assert.Equal(string.Join(", ", index.Files.Select(file => file.Path)), string.Join(", ", index.Bindings.BoundPaths));
        var before = Render(index, index.Bindings);

        var next = index.ApplyChanges(edit(workspace), workspace, workspace, CancellationToken.None);
        var carried = Render(next, next.Bindings);
        var fresh = Render(next, WorkspaceBindings.Build(next, CancellationToken.None));
        Assert.Equal(fresh, carried);
        Assert.NotEqual(before, carried);
        Assert.Equal(expectedBound, string.Join(", ", next.Bindings.BoundPaths));
        return carried;
    }

    internal static string[] Replace(MemoryWorkspace workspace, string path, string oldText, string newText)
    {
        var text = workspace.Read(path, CancellationToken.None).Text!.Text;
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        workspace.Write(path, text.Replace(oldText, newText, StringComparison.Ordinal));
        return [path];
    }

    /// <summary>Everything a query can see: references with their definitions and units, definitions, reverse map, package users, diagnostics, counts.</summary>
    internal static string Render(WorkspaceIndex index, WorkspaceBindings bindings)
    {
        var text = new StringBuilder();
        foreach (var file in index.Files)
        {
            text.Append("file ").AppendLine(file.Path);
            foreach (var reference in bindings.ReferencesIn(file.Path))
            {
                text.Append("  ref ").Append(reference.Name).Append(' ').Append(reference.Kind).Append(" @").Append(reference.Location.Span.Start)
                    .Append(" in ").Append(reference.Unit.Name).Append('#').Append(reference.Unit.Order)
                    .Append(" -> ").AppendLine(string.Join(", ", reference.Definitions.Select(location => $"{location.Path}@{location.Span.Start}")));
            }

            foreach (var definition in bindings.DefinitionsIn(file.Path))
            {
                var uses = bindings.ReferencesTo(definition.Symbol.Location);
                text.Append("  def ").Append(definition.Symbol.Name).Append(" @").Append(definition.Symbol.Location.Span.Start)
                    .Append(" in ").Append(definition.Unit.Name).Append('#').Append(definition.Unit.Order)
                    .Append(" used at ").AppendLine(string.Join(", ", uses.Select(use => $"{use.Location.Path}@{use.Location.Span.Start}")));
                if (definition.Symbol.Kind == Hdl.Design.Model.DefinitionKind.Package)
                {
                    text.Append("  package users ").AppendLine(string.Join(", ", bindings.UnitsUsing(definition.Symbol.Name)));
                }
            }
        }

        foreach (var diagnostic in bindings.Diagnostics)
        {
            text.AppendLine(diagnostic.ToString());
        }

        return text.Append(bindings.Counts).ToString();
    }
}
