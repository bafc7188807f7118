namespace Hdl.Cli.Tests;

/// <summary>`hdl definition` and `hdl references` end to end: FILE:LINE:COL in, locations out.</summary>
public class NavigationCommandTests
{
    [Fact]
    public async Task Definition_of_a_named_connection_is_the_child_port()
    {
        using var folder = TwoLevelDesign.Create();
        var run = await HdlProcess.RunAsync(folder.Root, "definition", "top.sv:2:21", ".");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("d (port in stage): input logic [7:0]", run.Output, StringComparison.Ordinal);
        Assert.Contains("stage.sv:1:49", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task References_of_a_port_list_its_uses_in_both_files_as_json()
    {
        using var folder = TwoLevelDesign.Create();
        var run = await HdlProcess.RunAsync(folder.Root, "references", "stage.sv:1:26", ".", "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(run.Output);
        var found = document.RootElement.GetProperty("locations").EnumerateArray()
            .Select(location => $"{Path.GetFileName(location.GetProperty("path").GetString())}:{location.GetProperty("line").GetInt32()}:{location.GetProperty("column").GetInt32()}")
            .ToArray();
        Assert.Equal(["stage.sv:1:26", "stage.sv:2:23", "top.sv:2:15"], found);
    }

    [Fact]
    public async Task A_position_that_is_not_file_line_col_is_a_usage_error()
    {
        using var folder = TwoLevelDesign.Create();
        var run = await HdlProcess.RunAsync(folder.Root, "definition", "top.sv", ".");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not FILE:LINE:COL", run.Error, StringComparison.Ordinal);
    }
}
