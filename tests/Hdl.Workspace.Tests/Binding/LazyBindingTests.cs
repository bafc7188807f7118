using System.Text;
using Hdl.Syntax.Text;
using Hdl.Workspace.Binding;
using Hdl.Workspace.Features;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Binding;

/// <summary>
/// Files are bound when something asks for them: one file's questions bind that file (a header's, its includers),
/// whole-workspace questions bind the rest, and every answer equals binding the whole workspace at once, whatever the
/// order of the questions, the number of callers, or the snapshot a file was first asked in.
/// </summary>
public sealed class LazyBindingTests
{
    private const string WithHeader = """
        //- /inc/defs.svh
        localparam int Depth = 4;
        wire shared_probe = clk;
        //- /a.sv
        module a(input logic clk);
          `include "defs.svh"
          logic [Depth-1:0] q;
        endmodule
        //- /b.sv
        module b(input logic clk);
          `include "defs.svh"
          logic [Depth:0] r;
        endmodule
        //- /c.sv
        module c(input logic clk, output logic y);
          assign y = missing_name;
        endmodule
        """;

    [Fact]
    public void Making_the_bindings_binds_no_file_and_definitions_need_none()
    {
        var index = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers).BuildIndex();
        var bindings = WorkspaceBindings.Build(index, CancellationToken.None);
        Assert.Equal(5, bindings.UnboundFileCount);
        Assert.Contains(bindings.DefinitionsIn("/leaf.sv"), definition => definition.Symbol.Name == "hold");
        Assert.NotNull(bindings.DefinitionAt(bindings.DefinitionsIn("/pkg.sv")[0].Symbol.Location));
        Assert.Equal(5, bindings.UnboundFileCount);
    }

    [Fact]
    public void Asking_for_one_files_references_binds_only_that_file()
    {
        var index = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers).BuildIndex();
        var bindings = WorkspaceBindings.Build(index, CancellationToken.None);
        Assert.Contains(bindings.ReferencesIn("/top.sv"), reference => reference.Name == "Width" && reference.IsBound);
        Assert.True(bindings.IsBound("/top.sv"));
        Assert.False(bindings.IsBound("/leaf.sv"));
        Assert.Equal(4, bindings.UnboundFileCount);

        _ = bindings.ReferencesTo(bindings.DefinitionsIn("/pkg.sv")[0].Symbol.Location);
        Assert.Equal(0, bindings.UnboundFileCount);
    }

    [Fact]
    public void A_headers_references_bind_the_files_that_include_it()
    {
        var index = new MemoryWorkspace(WithHeader).BuildIndex();
        var bindings = WorkspaceBindings.Build(index, CancellationToken.None);
        var inHeader = bindings.ReferencesIn("/inc/defs.svh");
        Assert.Equal(2, inHeader.Count(reference => reference.Name == "clk"));
        Assert.True(bindings.IsBound("/a.sv"));
        Assert.True(bindings.IsBound("/b.sv"));
        Assert.False(bindings.IsBound("/c.sv"));
    }

    [Fact]
    public void Per_file_diagnostics_equal_the_workspace_diagnostics_of_that_file()
    {
        var index = new MemoryWorkspace(WithHeader).BuildIndex();
        var lazy = WorkspaceBindings.Build(index, CancellationToken.None);
        var inC = lazy.DiagnosticsIn("/c.sv", CancellationToken.None);
        Assert.Equal(2, lazy.UnboundFileCount);
        Assert.Contains(inC, diagnostic => diagnostic.Id == "HDL3001");
        var full = WorkspaceBindings.Build(index, CancellationToken.None);
        Assert.Equal(string.Join('\n', full.Diagnostics.Where(diagnostic => diagnostic.Location.Path == "/c.sv")), string.Join('\n', inC));
    }

    [Theory]
    [InlineData(IncrementalBindingTests.PackageAndUsers)]
    [InlineData(WithHeader)]
    public void Answers_do_not_depend_on_the_order_files_are_bound_in(string fixture)
    {
        var index = new MemoryWorkspace(fixture).BuildIndex();
        var full = WorkspaceBindings.Build(index, CancellationToken.None);
        full.BindAll(CancellationToken.None);
        var expected = IncrementalBindingTests.Render(index, full);

        var lazy = WorkspaceBindings.Build(index, CancellationToken.None);
        var perFile = new StringBuilder();
        foreach (var file in index.Files.Reverse())
        {
            perFile.Append(file.Path).Append(": ").AppendLine(string.Join(", ", lazy.ReferencesIn(file.Path).Select(reference => $"{reference.Name}@{reference.Location.Span.Start}")));
        }

        var fullPerFile = new StringBuilder();
        foreach (var file in index.Files.Reverse())
        {
            fullPerFile.Append(file.Path).Append(": ").AppendLine(string.Join(", ", full.ReferencesIn(file.Path).Select(reference => $"{reference.Name}@{reference.Location.Span.Start}")));
        }

        Assert.Equal(fullPerFile.ToString(), perFile.ToString());
        Assert.Equal(expected, IncrementalBindingTests.Render(index, lazy));
    }

    [Fact]
    public void Concurrent_callers_share_one_binding_of_a_file()
    {
        var index = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers).BuildIndex();
        var bindings = WorkspaceBindings.Build(index, CancellationToken.None);
        var results = new IReadOnlyList<BoundReference>[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, at =>
        {
            if (at % 4 == 0)
            {
                bindings.BindAll(CancellationToken.None);
            }

            results[at] = bindings.ReferencesIn("/top.sv");
        });

        Assert.All(results, result => Assert.Same(results[0], result));
        Assert.Equal("/pkg.sv, /leaf.sv, /top.sv, /other.sv, /tb.sv", string.Join(", ", bindings.BoundPaths));
    }

    [Fact]
    public void Definition_is_answered_while_binding_the_workspace_was_cancelled()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var index = workspace.BuildIndex();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => index.Bindings.BindAll(cancelled.Token));

        // `Width` in top.sv: `logic [Width-1:0] bus;` on line 3 (zero-based).
        var definition = SymbolNavigation.FindDefinition(index, "/top.sv", new LinePosition(3, 10));
        Assert.Equal("/pkg.sv", Assert.Single(definition).Path);
        Assert.Equal(4, index.Bindings.UnboundFileCount);
        Assert.Equal(
            string.Join(", ", SymbolNavigation.FindReferences(index, "/top.sv", new LinePosition(3, 10), ReferenceSearchOptions.Default, CancellationToken.None).Where(location => location.Path == "/top.sv")),
            string.Join(", ", SymbolNavigation.FindReferencesInFile(index, "/top.sv", new LinePosition(3, 10), ReferenceSearchOptions.Default, CancellationToken.None)));
    }

    [Fact]
    public void A_file_not_bound_before_an_edit_takes_the_earlier_result_when_nothing_it_looked_up_changed()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var index = workspace.BuildIndex();
        _ = index.Bindings.ReferencesIn("/top.sv");
        var next = index.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/pkg.sv", "parameter int Width = 8;", "parameter bit Width = 8;"), workspace, workspace, CancellationToken.None);

        // Width's type changed: top.sv looked up Width and is bound again; leaf.sv, other.sv and tb.sv were never bound and take what
        // binding them in the earlier snapshot gives, since Width is not among their lookups.
        Assert.Equal("/pkg.sv, /top.sv", string.Join(", ", next.Bindings.BoundPaths));
        Assert.True(index.Bindings.IsBound("/leaf.sv"));
        Assert.Equal(IncrementalBindingTests.Render(next, WorkspaceBindings.Build(next, CancellationToken.None)), IncrementalBindingTests.Render(next, next.Bindings));
    }

    [Fact]
    public void A_file_not_bound_before_an_edit_is_bound_again_when_a_name_it_looked_up_changed()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var index = workspace.BuildIndex();
        _ = index.Bindings.ReferencesIn("/other.sv");

        // leaf.sv names cfg_pkg::req_t and its field `valid`, renamed here.
        var next = index.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/pkg.sv", "logic valid;", "logic ready;"), workspace, workspace, CancellationToken.None);
        Assert.Contains("/leaf.sv", next.Bindings.BoundPaths);
        Assert.DoesNotContain("/other.sv", next.Bindings.BoundPaths);
        Assert.Equal(IncrementalBindingTests.Render(next, WorkspaceBindings.Build(next, CancellationToken.None)), IncrementalBindingTests.Render(next, next.Bindings));
    }

    [Fact]
    public void Several_edits_before_anything_is_bound_give_the_from_scratch_answer()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var index = workspace.BuildIndex();
        _ = index.Bindings;
        for (var edit = 0; edit < 6; edit++)
        {
            index = index.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/other.sv", edit % 2 == 0 ? "assign b = a;" : "assign b = ~a;", edit % 2 == 0 ? "assign b = ~a;" : "assign b = a;"), workspace, workspace, CancellationToken.None);
            _ = index.Bindings.ReferencesIn("/other.sv");
        }

        index = index.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/leaf.sv", "module leaf(", "module leaf2("), workspace, workspace, CancellationToken.None);
        Assert.Equal(IncrementalBindingTests.Render(index, WorkspaceBindings.Build(index, CancellationToken.None)), IncrementalBindingTests.Render(index, index.Bindings));
    }

    [Fact]
    public void Files_an_older_snapshot_bound_in_the_background_stay_bound_through_a_run_of_edits()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var opened = workspace.BuildIndex();
        _ = opened.Bindings;

        // An edit comes before the background bind of the opened snapshot: the next snapshot's files wait on it.
        var index = opened.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/other.sv", "assign b = a;", "assign b = ~a;"), workspace, workspace, CancellationToken.None);
        _ = index.Bindings;
        opened.Bindings.BindAll(CancellationToken.None);

        // More edits than a file may look back over, with nothing asked in between.
        var snapshots = new List<Hdl.Workspace.Index.WorkspaceIndex> { index };
        for (var edit = 0; edit < 6; edit++)
        {
            index = index.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/other.sv", edit % 2 == 0 ? "assign b = ~a;" : "assign b = a;", edit % 2 == 0 ? "assign b = a;" : "assign b = ~a;"), workspace, workspace, CancellationToken.None);
            _ = index.Bindings;
            snapshots.Add(index);
        }

        // Only the edited file is bound again, by the last snapshot; every other file keeps what the background bind found.
        index.Bindings.BindAll(CancellationToken.None);
        Assert.Equal("/other.sv", string.Join(", ", snapshots.SelectMany(snapshot => snapshot.Bindings.BoundPaths).Distinct()));
        Assert.Equal(IncrementalBindingTests.Render(index, WorkspaceBindings.Build(index, CancellationToken.None)), IncrementalBindingTests.Render(index, index.Bindings));
    }

    [Fact]
    public void A_snapshot_made_before_anyone_asked_for_the_first_snapshots_bindings_patches_them_rather_than_binding_everything_again()
    {
        var workspace = new MemoryWorkspace(IncrementalBindingTests.PackageAndUsers);
        var opened = workspace.BuildIndex();

        // A document is edited before the server's warm-up has asked for the first snapshot's bindings.
        var edited = opened.ApplyChanges(IncrementalBindingTests.Replace(workspace, "/other.sv", "assign b = a;", "assign b = ~a;"), workspace, workspace, CancellationToken.None);
        opened.Bindings.BindAll(CancellationToken.None);
        edited.Bindings.BindAll(CancellationToken.None);

        Assert.Equal("/other.sv", string.Join(", ", edited.Bindings.BoundPaths));
        Assert.Equal(IncrementalBindingTests.Render(edited, WorkspaceBindings.Build(edited, CancellationToken.None)), IncrementalBindingTests.Render(edited, edited.Bindings));
    }
}
