namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>The lifecycle on a process of its own: requests before initialize, shutdown, then exit with code 0.</summary>
public class LifecycleTests
{
    [Fact]
    public async Task Requests_before_initialize_fail_then_shutdown_and_exit_end_the_process_cleanly()
    {
        var root = LspSession.NewRoot();
        await using var session = await LspSession.StartProcessAsync(root);
        var early = await session.Client.RequestAsync("textDocument/hover", new { textDocument = new { uri = session.Uri("x.sv") }, position = new { line = 0, character = 0 } });
        Assert.Equal(-32002, (int)early["error"]!["code"]!);
        await session.InitializeAsync();
        var again = await session.Client.RequestAsync("initialize", new { capabilities = new { } });
        Assert.Equal(-32600, (int)again["error"]!["code"]!);
        var shutdown = await session.Client.RequestAsync("shutdown", null);
        Assert.Null(shutdown["error"]);
        Assert.True(shutdown.ContainsKey("result"));
        var afterShutdown = await session.Client.RequestAsync("workspace/symbol", new { query = "x" });
        Assert.Equal(-32600, (int)afterShutdown["error"]!["code"]!);
        await session.Client.NotifyAsync("exit", null);
        await WaitForExitAsync(session);
        Assert.Equal(0, session.ExitCode());
    }

    [Fact]
    public async Task A_restart_takes_unchanged_files_from_the_index_persisted_under_the_workspace()
    {
        var root = LspSession.NewRoot();
        await File.WriteAllTextAsync(Path.Combine(root, "leaf.sv"), "module leaf(input logic d);\nendmodule\n");
        await File.WriteAllTextAsync(Path.Combine(root, "top.sv"), "module top(input logic d);\n  leaf u_leaf(.d(d));\nendmodule\n");

        // The first session is ended by the protocol, not disposed: disposing deletes the workspace folder.
        var first = await LspSession.StartProcessAsync(root);
        Assert.Contains("(0 unchanged since the stored index)", await IndexEndMessageAsync(first));
        await first.Client.RequestAsync("shutdown", null);
        await first.Client.NotifyAsync("exit", null);
        await WaitForExitAsync(first);
        Assert.True(File.Exists(Path.Combine(root, ".hdl", "index.db")));

        await using var second = await LspSession.StartProcessAsync(root);
        Assert.Contains("2 files (2 unchanged since the stored index)", await IndexEndMessageAsync(second));
        var definition = await second.Client.ResultAsync("textDocument/definition", new { textDocument = new { uri = second.Uri("top.sv") }, position = new { line = 1, character = 3 } });
        Assert.Equal(second.Uri("leaf.sv"), (string?)Assert.Single(definition!.AsArray())!["uri"]);
    }

    private static async Task<string> IndexEndMessageAsync(LspSession session)
    {
        await session.InitializeAsync(new { diagnosticsDelay = 0, retrieval = false });
        var end = await session.Client.WaitForNotificationAsync("$/progress", message =>
            ((string?)message["params"]!["token"])?.StartsWith("hdl/index/", StringComparison.Ordinal) == true && (string?)message["params"]!["value"]!["kind"] == "end");
        return (string?)end["params"]!["value"]!["message"] ?? string.Empty;
    }

    private static async Task WaitForExitAsync(LspSession session)
    {
        using var timeout = new CancellationTokenSource(LspClient.Patience);
        while (!session.HasExited())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
