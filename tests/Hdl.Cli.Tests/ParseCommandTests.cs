using System.Text.Json;

namespace Hdl.Cli.Tests;

public class ParseCommandTests
{
    private const string GoodModule = """
        module counter #(parameter int W = 8) (input logic clk, output logic [W-1:0] q);
          always_ff @(posedge clk) q <= q + 1;
        endmodule
        """;

    [Fact]
    public async Task A_good_file_exits_0_with_a_summary()
    {
        using var folder = new TempFolder();
        folder.Write("rtl/counter.sv", GoodModule);

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "rtl");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hdl parse: 1 files, 3 lines, 0 errors, 0 warnings", run.Output, StringComparison.Ordinal);
        Assert.Contains("SystemVerilog", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_exits_1_and_names_path_line_and_column()
    {
        using var folder = new TempFolder();
        folder.Write("good.sv", GoodModule);
        folder.Write("bad.sv", "module broken;\n  wire \u0001 w;\nendmodule\n");

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "good.sv", "bad.sv");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"(?m)^bad\.sv:2:\d+: error HDL\d{4}: ", run.Output);
        Assert.Contains("2 files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_one_document_with_files_diagnostics_and_summary()
    {
        using var folder = new TempFolder();
        folder.Write("good.sv", GoodModule);
        folder.Write("bad.sv", "module broken;\n  wire \u0001 w;\nendmodule\n");

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "--json", "good.sv", "bad.sv");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        var files = root.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal("good.sv", files[0].GetProperty("path").GetString());
        Assert.Equal("parsed", files[0].GetProperty("outcome").GetString());
        var diagnostic = files[1].GetProperty("diagnostics")[0];
        Assert.Equal("bad.sv", diagnostic.GetProperty("path").GetString());
        Assert.Equal(2, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.StartsWith("HDL", diagnostic.GetProperty("code").GetString(), StringComparison.Ordinal);
        var summary = root.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("files").GetInt32());
        Assert.Equal(6, summary.GetProperty("lines").GetInt64());
        Assert.True(summary.GetProperty("errors").GetInt32() >= 1);
        Assert.True(summary.TryGetProperty("linesPerSecond", out _));
    }

    [Fact]
    public async Task Filelist_with_incdir_and_define_feeds_the_preprocessor()
    {
        using var folder = new TempFolder();
        folder.Write("inc/widths.svh", "`define DATA_W 16\n");
        folder.Write("rtl/top.sv", """
            `include "widths.svh"
            `ifdef USE_WIDE
            module top (input logic [`DATA_W-1:0] d, output logic [`DATA_W-1:0] q);
              assign q = d;
            endmodule
            `else
            module top;
            `endif
            """);
        folder.Write("proj/files.f", "// project\n+incdir+inc\n+define+USE_WIDE\nrtl/top.sv\n");

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "--json", "-f", "proj/files.f");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var file = document.RootElement.GetProperty("files")[0];
        Assert.Equal("rtl/top.sv", file.GetProperty("path").GetString());
        Assert.Equal(0, file.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error_naming_the_path_and_the_others_are_still_parsed()
    {
        using var folder = new TempFolder();
        folder.Write("good.sv", GoodModule);

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "good.sv", "no/such/file.sv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no/such/file.sv", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_inside_a_filelist_is_reported_with_its_path_and_does_not_stop_the_others()
    {
        using var folder = new TempFolder();
        folder.Write("good.sv", GoodModule);
        folder.Write("files.f", "good.sv\ngone.sv\n");

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "-f", "files.f");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("gone.sv: error: file not found", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_files_are_reported_and_skipped()
    {
        using var folder = new TempFolder();
        folder.Write("good.sv", GoodModule);
        await File.WriteAllBytesAsync(Path.Combine(folder.Root, "blob.sv"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00]);

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "good.sv", "blob.sv");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("blob.sv: warning: binary file", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_options_are_usage_errors()
    {
        using var folder = new TempFolder();

        var run = await HdlProcess.RunAsync(folder.Root, "parse", "--no-such-option", "x.sv");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        using var folder = new TempFolder();

        var run = await HdlProcess.RunAsync(folder.Root, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output.Trim());
    }
}
