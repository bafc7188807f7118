using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Hdl.LanguageServer.Server;

namespace Hdl.LanguageServer.Tests;

/// <summary>
/// A server with a workspace of fixture files in a temp folder, initialized and indexed: in process over pipes
/// (<see cref="StartInMemoryAsync"/>) or as the real `hdl serve` binary over stdio (<see cref="StartProcessAsync"/>).
/// </summary>
internal sealed class LspSession : IAsyncDisposable
{
    private readonly Func<ValueTask> _stop;

    private LspSession(string root, LspClient client, Func<ValueTask> stop, Func<bool> exited, Func<int?> exitCode)
    {
        Root = root;
        Client = client;
        _stop = stop;
        HasExited = exited;
        ExitCode = exitCode;
    }

    public string Root { get; }

    public LspClient Client { get; }

    public Func<bool> HasExited { get; }

    public Func<int?> ExitCode { get; }

    public JsonNode? InitializeResult { get; set; }

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "hdl-lsp-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void Write(string root, Fixture fixture)
    {
        foreach (var (path, text) in fixture.Files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public static Task<LspSession> StartInMemoryAsync(string root)
    {
        var toServer = new Pipe();
        var fromServer = new Pipe();
        var host = new LanguageServerHost(toServer.Reader.AsStream(), fromServer.Writer.AsStream(), TextWriter.Null);
        int? exitCode = null;
        var running = Task.Run(async () =>
        {
            var code = await host.RunAsync(CancellationToken.None);
            exitCode = code;
            await fromServer.Writer.CompleteAsync();
            return code;
        });
        var client = new LspClient(toServer.Writer.AsStream(), fromServer.Reader.AsStream());
        return Task.FromResult(new LspSession(
            root,
            client,
            async () =>
            {
                await toServer.Writer.CompleteAsync();
                await running.WaitAsync(LspClient.Patience);
                await host.DisposeAsync();
                await client.DisposeAsync();
            },
            () => running.IsCompleted,
            () => exitCode));
    }

    public static Task<LspSession> StartProcessAsync(string root)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hdl.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--stdio");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var client = new LspClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
        return Task.FromResult(new LspSession(
            root,
            client,
            async () =>
            {
                if (!process.HasExited)
                {
                    process.StandardInput.Close();
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }

                await client.DisposeAsync();
                process.Dispose();
            },
            () => process.HasExited,
            () => process.HasExited ? process.ExitCode : null));
    }

    public string Uri(string relativePath) => Protocol.Conversions.ToUri(Path.Combine(Root, relativePath), Protocol.Conversions.CurrentPathStyle);

    /// <summary>initialize (with the temp folder as the workspace folder) and initialized, then waits for the index.</summary>
    public async Task<JsonNode?> InitializeAsync(object? initializationOptions = null)
    {
        var result = await Client.ResultAsync("initialize", new
        {
            processId = (int?)null,
            rootUri = Protocol.Conversions.ToUri(Root, Protocol.Conversions.CurrentPathStyle),
            workspaceFolders = new[] { new { uri = Protocol.Conversions.ToUri(Root, Protocol.Conversions.CurrentPathStyle), name = "fixture" } },
            capabilities = new { window = new { workDoneProgress = true } },
            initializationOptions = initializationOptions ?? new { diagnosticsDelay = 0 },
        });
        await Client.NotifyAsync("initialized", new { });
        await Client.WaitForNotificationAsync("$/progress", message => (string?)message["params"]?["value"]?["kind"] == "end");
        return result;
    }

    public Task OpenAsync(string relativePath, string text, string languageId = "systemverilog") =>
        Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri(relativePath), languageId, version = 1, text } });

    public async ValueTask DisposeAsync()
    {
        await _stop();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
