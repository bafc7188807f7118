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

    private static async Task WaitForExitAsync(LspSession session)
    {
        using var timeout = new CancellationTokenSource(LspClient.Patience);
        while (!session.HasExited())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
