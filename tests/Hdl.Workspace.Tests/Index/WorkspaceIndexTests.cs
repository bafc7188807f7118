using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Tests.Index;

/// <summary>The workspace index: what a snapshot holds, and what ApplyChanges re-analyses after an edit.</summary>
public class WorkspaceIndexTests
{
    private const string ThreeFiles = """
        //- /rtl/defs.svh
        `define W 8
        //- /rtl/a.sv
        `include "defs.svh"
        module a(output logic [`W-1:0] y); b u_b (); endmodule
        //- /rtl/b.sv
        module b; endmodule
        //- /rtl/c.vhd
        entity c is end entity;
        architecture rtl of c is begin end architecture;
        """;

    [Fact]
    public void A_fresh_index_analyses_every_source_and_tables_its_units()
    {
        CheckIndex(ThreeFiles, edit: null, """
            analysed: /rtl/a.sv, /rtl/b.sv, /rtl/c.vhd
            /rtl/a.sv units=a includes=/rtl/defs.svh
            /rtl/b.sv units=b
            /rtl/c.vhd units=work.c, work.rtl
            """);
    }

    [Fact]
    public void Editing_one_file_re_analyses_only_that_file()
    {
        CheckIndex(ThreeFiles, workspace => { workspace.Write("/rtl/b.sv", "module b2; endmodule\n"); return ["/rtl/b.sv"]; }, """
            analysed: /rtl/b.sv
            /rtl/a.sv units=a includes=/rtl/defs.svh
            /rtl/b.sv units=b2
            /rtl/c.vhd units=work.c, work.rtl
            """);
    }

    [Fact]
    public void A_change_event_with_identical_content_re_analyses_nothing()
    {
        CheckIndex(ThreeFiles, _ => ["/rtl/a.sv", "/rtl/c.vhd"], """
            analysed: (none)
            /rtl/a.sv units=a includes=/rtl/defs.svh
            /rtl/b.sv units=b
            /rtl/c.vhd units=work.c, work.rtl
            """);
    }

    [Fact]
    public void Editing_a_header_re_analyses_the_files_that_include_it()
    {
        CheckIndex(ThreeFiles, workspace => { workspace.Write("/rtl/defs.svh", "`define W 16\n"); return ["/rtl/defs.svh"]; }, """
            analysed: /rtl/a.sv
            /rtl/a.sv units=a includes=/rtl/defs.svh
            /rtl/b.sv units=b
            /rtl/c.vhd units=work.c, work.rtl
            """);
    }

    [Fact]
    public void Editing_a_source_file_that_another_file_includes_re_analyses_the_includer_too()
    {
        CheckIndex("""
            //- /rtl/macros.sv
            `define W 8
            //- /rtl/a.sv
            `include "macros.sv"
            module a(output logic [`W-1:0] y); endmodule
            //- /rtl/b.sv
            module b; endmodule
            """, workspace => { workspace.Write("/rtl/macros.sv", "`define W 16\n"); return ["/rtl/macros.sv"]; }, """
            analysed: /rtl/macros.sv, /rtl/a.sv
            /rtl/macros.sv units=
            /rtl/a.sv units=a includes=/rtl/macros.sv
            /rtl/b.sv units=b
            """);
    }

    [Fact]
    public void A_file_an_edit_starts_including_is_an_include_for_the_next_edit()
    {
        // The first edit is made in place (b.sv is included by no file); the snapshot it makes must know that b.sv now
        // includes x.sv, so the second edit, of x.sv, analyses b.sv again.
        var workspace = new MemoryWorkspace("""
            //- /rtl/x.sv
            `define N 1
            //- /rtl/b.sv
            module b; endmodule
            //- /rtl/c.sv
            module c; endmodule
            """);
        var index = workspace.BuildIndex();
        workspace.Write("/rtl/b.sv", "`include \"x.sv\"\nmodule b; localparam P = `N; endmodule\n");
        index = index.ApplyChanges(["/rtl/b.sv"], workspace, workspace, CancellationToken.None);
        Assert.Equal("/rtl/b.sv", string.Join(", ", index.AnalysedPaths));
        workspace.Write("/rtl/x.sv", "`define N 2\n");
        index = index.ApplyChanges(["/rtl/x.sv"], workspace, workspace, CancellationToken.None);
        Assert.Equal("/rtl/x.sv, /rtl/b.sv", string.Join(", ", index.AnalysedPaths));

        // Each file is found by path at its place in analysis order, with the text of the last edit.
        Assert.Equal("/rtl/x.sv, /rtl/b.sv, /rtl/c.sv", string.Join(", ", index.Files.Select(file => file.Path)));
        Assert.All(index.Files, file => Assert.Same(file, index.Files[file.Order]));
        Assert.All(index.Files, file => Assert.Same(file, index.GetFile(file.Path)));
        Assert.Equal("/rtl/x.sv", string.Join(", ", index.GetFile("/rtl/b.sv")!.Includes));
    }

    [Fact]
    public void Added_files_go_last_and_deleted_files_leave_the_snapshot()
    {
        CheckIndex(ThreeFiles, workspace =>
        {
            workspace.Delete("/rtl/b.sv");
            workspace.Write("/rtl/d.v", "module d; endmodule\n");
            return ["/rtl/b.sv", "/rtl/d.v"];
        }, """
            analysed: /rtl/d.v
            /rtl/a.sv units=a includes=/rtl/defs.svh
            /rtl/c.vhd units=work.c, work.rtl
            /rtl/d.v units=d
            """);
    }

    [Fact]
    public void Vhdl_units_are_found_by_library_and_name_ignoring_case_and_verilog_units_by_exact_name()
    {
        var index = new MemoryWorkspace("""
            //- /a.vhd
            entity Counter is end entity;
            //- /b.sv
            module Counter; endmodule
            """).BuildIndex();
        Assert.Equal("Counter", index.Units.FindVhdl("WORK", "counter")?.Name);
        Assert.Equal("/b.sv", index.Units.FindVerilog("Counter")?.Path);
        Assert.Null(index.Units.FindVerilog("counter"));
    }

    [Fact]
    public void Include_directories_are_inferred_from_the_folders_holding_headers()
    {
        var (sources, headers) = IncludeDirectoryInference.SplitHeaders(["rtl/a.sv", "rtl/inc/defs.svh", "ip/x.vh", "rtl/inc/more.svh", "tb/t.v"]);
        Assert.Equal("rtl/a.sv, tb/t.v", string.Join(", ", sources));
        Assert.Equal("rtl/inc, ip", string.Join(", ", IncludeDirectoryInference.FoldersOf(headers)));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(10_000, 4)]
    public void Priming_the_parsers_parses_a_sample_within_the_line_budget_and_every_language(int lineBudget, int expectedFiles)
    {
        var workspace = new MemoryWorkspace("""
            //- /rtl/a.sv
            module a; endmodule
            //- /rtl/b.sv
            module b; endmodule
            //- /rtl/c.v
            module c; endmodule
            //- /rtl/d.vhd
            entity d is end entity;
            """);
        var index = workspace.BuildIndex();
        Assert.Equal(expectedFiles, index.PrimeParsers(workspace, workspace, lineBudget, CancellationToken.None));
    }

    [Fact]
    public void Analysis_records_the_inactive_ifdef_branches_of_the_text_it_read_as_a_parse_finds_them()
    {
        var workspace = new MemoryWorkspace("""
            //- /rtl/top.sv
            module top;
            `ifdef NOT_DEFINED
              logic hidden;
            `endif
            endmodule
            """);
        var index = workspace.BuildIndex();
        workspace.Write("/rtl/top.sv", "module top;\n`ifndef NOT_DEFINED\n  logic shown;\n`else\n  logic hidden;\n`endif\nendmodule\n");
        index = index.ApplyChanges(["/rtl/top.sv"], workspace, workspace, CancellationToken.None);

        // The recorded regions are those of the edited text, the same as parsing it again gives.
        var text = workspace.Read("/rtl/top.sv", CancellationToken.None).Text!;
        var recorded = DocumentSyntax.InactiveRegions(index.GetFile("/rtl/top.sv")!, text);
        var parsed = DocumentSyntax.InactiveRegions(new DocumentSyntax().Parse(index.Options, text, workspace, CancellationToken.None));
        Assert.NotNull(recorded);
        Assert.Equal(string.Join("; ", parsed), string.Join("; ", recorded.Value));
        var region = Assert.Single(recorded.Value);
        Assert.InRange(region.Start.Line, 3, 4);
        Assert.InRange(region.End.Line, 4, 5);

        // For another text (the buffer changed since) or an analysis without them there is nothing recorded.
        Assert.Null(DocumentSyntax.InactiveRegions(index.GetFile("/rtl/top.sv")!, SourceText.From("/rtl/top.sv", "module top; endmodule\n")));
        Assert.Null(DocumentSyntax.InactiveRegions(index.GetFile("/rtl/top.sv")! with { InactiveRegions = null }, text));
    }

    private static void CheckIndex(string fixture, Func<MemoryWorkspace, string[]>? edit, string expected)
    {
        var workspace = new MemoryWorkspace(fixture);
        var index = workspace.BuildIndex();
        if (edit is not null)
        {
            var changed = edit(workspace);
            index = index.ApplyChanges(changed, workspace, workspace, CancellationToken.None);
        }

        var lines = new List<string> { $"analysed: {(index.AnalysedPaths.IsEmpty ? "(none)" : string.Join(", ", index.AnalysedPaths))}" };
        foreach (var file in index.Files)
        {
            var units = string.Join(", ", index.Units.All.Where(unit => unit.Path == file.Path).Select(unit => unit.QualifiedName));
            var includes = file.Includes.IsEmpty ? string.Empty : $" includes={string.Join(", ", file.Includes)}";
            lines.Add($"{file.Path} units={units}{includes}");
        }

        Assert.Equal(expected, string.Join('\n', lines));
    }
}
