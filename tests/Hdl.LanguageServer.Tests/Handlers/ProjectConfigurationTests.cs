namespace Hdl.LanguageServer.Tests.Handlers;

/// <summary>`hdl.json` in the workspace folder shapes the server's workspace as it shapes `hdl index`.</summary>
public class ProjectConfigurationTests
{
    private const string Workspace = """
        //- /hdl.json
        { "filelists": ["sim.f"], "tops": ["core"] }
        //- /sim.f
        rtl/core.sv
        rtl/alu.sv
        rtl/bench.sv
        //- /rtl/core.sv
        module core(input logic clk);
          alu u_alu (.clk(clk));
        endmodule
        //- /rtl/alu.sv
        module alu(input logic clk);
        endmodule
        //- /rtl/bench.sv
        module bench;
          logic clk;
          core u_core (.clk(clk));
        endmodule
        //- /scratch/stray.sv
        module stray_experiment;
        endmodule
        """;

    [Fact]
    public async Task Filelists_name_the_sources_and_the_folder_is_not_searched()
    {
        var (session, _) = await Check.OpenAsync(Workspace);
        await using (session)
        {
            var listed = await session.Client.ResultAsync("workspace/symbol", new { query = "alu" });
            Assert.Contains(listed!.AsArray(), symbol => (string?)symbol!["name"] == "alu");
            var stray = await session.Client.ResultAsync("workspace/symbol", new { query = "stray_experiment" });
            Assert.Empty(stray!.AsArray());
        }
    }

    [Fact]
    public async Task Editing_a_filelist_hdl_json_names_loads_the_workspace_again()
    {
        var (session, _) = await Check.OpenAsync(Workspace);
        await using (session)
        {
            await File.AppendAllTextAsync(Path.Combine(session.Root, "sim.f"), "scratch/stray.sv\n");
            var ends = session.Client.Notifications.Count(IsIndexEnd);
            await session.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = session.Uri("sim.f"), type = 2 } } });
            await session.Client.WaitForNotificationAsync("$/progress", message => IsIndexEnd(message) && session.Client.Notifications.Count(IsIndexEnd) > ends);

            var stray = await session.Client.ResultAsync("workspace/symbol", new { query = "stray_experiment" });
            Assert.Contains(stray!.AsArray(), symbol => (string?)symbol!["name"] == "stray_experiment");
        }
    }

    [Fact]
    public async Task Tops_named_in_hdl_json_root_the_hierarchy()
    {
        var (session, _) = await Check.OpenAsync(Workspace);
        await using (session)
        {
            var hierarchy = await session.Client.ResultAsync("hdl/hierarchy", new { });
            var top = Assert.Single(hierarchy!.AsArray());
            Assert.Equal("core", (string?)top!["unit"]);
            Assert.Equal(["u_alu"], top["children"]!.AsArray().Select(child => (string)child!["name"]!));
        }
    }

    private static bool IsIndexEnd(System.Text.Json.Nodes.JsonObject message) =>
        (string?)message["method"] == "$/progress" && ((string?)message["params"]!["token"])?.StartsWith("hdl/index/", StringComparison.Ordinal) == true
        && (string?)message["params"]!["value"]!["kind"] == "end";
}
