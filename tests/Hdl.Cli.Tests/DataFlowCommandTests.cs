namespace Hdl.Cli.Tests;

/// <summary>`hdl drivers`, `hdl loads` and `hdl graph` end to end on a small two-level design.</summary>
public class DataFlowCommandTests
{
    [Fact]
    public async Task Drivers_of_a_hierarchical_path_cross_into_the_instance()
    {
        using var folder = TwoLevelDesign.Create();
        var run = await HdlProcess.RunAsync(folder.Root, "drivers", "top.dout", ".", "--depth", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("top: u_s.q -> dout [port] through u_s", run.Output, StringComparison.Ordinal);
        Assert.Contains("top.u_s: d -> q [data] in always_ff @posedge clk", run.Output, StringComparison.Ordinal);
        Assert.Contains("top.u_s: din -> d [port] through u_s", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loads_answer_as_json()
    {
        using var folder = TwoLevelDesign.Create();
        var run = await HdlProcess.RunAsync(folder.Root, "loads", "stage.d", ".", "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(run.Output);
        var step = Assert.Single(document.RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("q", step.GetProperty("target").GetString());
        Assert.Equal("data", step.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Graph_exports_dot_and_unknown_names_are_usage_errors()
    {
        using var folder = TwoLevelDesign.Create();
        var graph = await HdlProcess.RunAsync(folder.Root, "graph", "--unit", "stage", ".");
        Assert.Equal(0, graph.ExitCode);
        Assert.Contains("\"d\" -> \"q\" [style=solid, label=\"always_ff\"];", graph.Output, StringComparison.Ordinal);

        var missing = await HdlProcess.RunAsync(folder.Root, "drivers", "nosuch.sig", ".");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no unit or instance path matches 'nosuch.sig'", missing.Error, StringComparison.Ordinal);
    }
}
