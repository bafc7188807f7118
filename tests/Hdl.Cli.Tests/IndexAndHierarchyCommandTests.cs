using System.Text.Json;

namespace Hdl.Cli.Tests;

/// <summary>`hdl index` and `hdl hierarchy` run as the real binary on a small mixed-language workspace.</summary>
public class IndexAndHierarchyCommandTests
{
    private static void WriteDesign(TempFolder folder)
    {
        folder.Write("rtl/include/defs.svh", "`define W 8\n");
        folder.Write("rtl/leaf.sv", "`include \"defs.svh\"\nmodule leaf #(parameter W = 1) (input logic [W-1:0] d); endmodule\n");
        folder.Write("rtl/top.sv", "module top; logic [7:0] s; leaf #(.W(8)) u_leaf (.d(s)); filter u_filter (.x(s[0])); endmodule\n");
        folder.Write("rtl/filter.vhd", "entity filter is port (x : in bit); end entity;\narchitecture rtl of filter is begin end architecture;\n");
    }

    [Fact]
    public async Task Index_infers_include_directories_and_prints_a_summary()
    {
        using var folder = new TempFolder();
        WriteDesign(folder);

        var run = await HdlProcess.RunAsync(folder.Root, "index", "-q");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"include directories \(inferred from header folders\): (\./)?rtl/include", run.Output);
        Assert.Contains("tops: top", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"indexed 3 files, 5 lines: \d+ units, 2 instances, 0 errors, 0 warnings in \d+\.\d\d s", run.Output);
    }

    [Fact]
    public async Task Index_starts_warm_from_the_persisted_index_and_analyses_only_the_edited_file()
    {
        using var folder = new TempFolder();
        WriteDesign(folder);

        var cold = await HdlProcess.RunAsync(folder.Root, "index", "-q");
        var warm = await HdlProcess.RunAsync(folder.Root, "index", "-q");
        folder.Write("rtl/top.sv", "module top; logic [7:0] s; leaf #(.W(8)) u_leaf (.d(s)); endmodule\n");
        var edited = await HdlProcess.RunAsync(folder.Root, "index", "-q");

        Assert.Matches(@"index: cold start, 3 files analysed, 0 loaded, [\d.]+ KB on disk", cold.Output);
        Assert.Contains("index: warm start, 0 files analysed, 3 loaded", warm.Output, StringComparison.Ordinal);
        Assert.Contains("index: warm start, 1 files analysed, 2 loaded", edited.Output, StringComparison.Ordinal);
        Assert.Contains("1 instances", edited.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Root, ".hdl", "index.db")));
    }

    [Fact]
    public async Task Hdl_json_names_tops_and_excludes_and_a_malformed_one_is_a_usage_error_with_line_and_column()
    {
        using var folder = new TempFolder();
        WriteDesign(folder);
        folder.Write("hdl.json", "{\n  // only the filter\n  \"exclude\": [\"rtl/top.sv\"],\n  \"tops\": [\"leaf\"],\n}\n");

        var configured = await HdlProcess.RunAsync(folder.Root, "index", "-q", "--no-index");
        folder.Write("hdl.json", "{\n  \"tops\": \"leaf\"\n}\n");
        var malformed = await HdlProcess.RunAsync(folder.Root, "index", "-q", "--no-index");

        Assert.Equal(0, configured.ExitCode);
        Assert.Contains("tops: leaf", configured.Output, StringComparison.Ordinal);
        Assert.Contains("indexed 2 files", configured.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Root, ".hdl")));
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("hdl.json:2:11: 'tops' must be an array of strings", malformed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hierarchy_prints_the_tree_with_parameters_and_port_widths_across_languages()
    {
        using var folder = new TempFolder();
        WriteDesign(folder);

        var run = await HdlProcess.RunAsync(folder.Root, "hierarchy", "rtl", "--top", "top", "--ports");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            top
              u_leaf : leaf #(W=8)
                . in d logic [W-1:0] : 8 bits
              u_filter : filter(rtl)
                . in x bit : 1 bits
            """, run.Output.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Hierarchy_json_and_an_unknown_top_exits_1()
    {
        using var folder = new TempFolder();
        WriteDesign(folder);

        var run = await HdlProcess.RunAsync(folder.Root, "hierarchy", "rtl", "--json", "--top", "top", "--top", "nope");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var top = document.RootElement.GetProperty("tops")[0];
        Assert.Equal("top", top.GetProperty("unit").GetString());
        Assert.Equal(8, top.GetProperty("children")[0].GetProperty("ports")[0].GetProperty("width").GetInt32());
        Assert.Equal("HDL2008", document.RootElement.GetProperty("diagnostics")[0].GetProperty("id").GetString());
    }
}
