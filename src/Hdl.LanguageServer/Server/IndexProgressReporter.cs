using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Index;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// `$/progress` for a workspace index build: a token created with the client (when it supports work-done progress),
/// then begin, reports at most every 200 ms, and end. The retrieval index reports chunks embedded through the same reporter.
/// </summary>
internal sealed class IndexProgressReporter(JsonRpc rpc, string token, bool enabled, Action<string> log, string title = "Indexing HDL workspace") : IProgress<IndexProgress>, IProgress<(int Done, int Total)>, IDisposable
{
    private readonly Lock _lock = new();
    private long _lastReport;
    private bool _begun;

    public async Task BeginAsync()
    {
        if (!enabled)
        {
            return;
        }

        try
        {
            await rpc.InvokeWithParameterObjectAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token)).ConfigureAwait(false);
            await SendAsync(new WorkDoneProgress("begin") { Title = title, Percentage = 0, Cancellable = false }).ConfigureAwait(false);
            _begun = true;
        }
        catch (Exception exception) when (exception is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
        {
            log($"no progress reporting: {exception.Message}");
        }
    }

    public void Report(IndexProgress value) => Report(value.FilesDone, value.FileCount, "files");

    public void Report((int Done, int Total) value) => Report(value.Done, value.Total, "chunks");

    private void Report(int done, int total, string unit)
    {
        if (!_begun)
        {
            return;
        }

        var now = Environment.TickCount64;
        lock (_lock)
        {
            if (now - _lastReport < 200)
            {
                return;
            }

            _lastReport = now;
        }

        var percentage = total == 0 ? 100 : (int)(100L * done / total);
        _ = SendAsync(new WorkDoneProgress("report") { Message = $"{done}/{total} {unit}", Percentage = percentage });
    }

    public async Task EndAsync(string message)
    {
        if (_begun)
        {
            await SendAsync(new WorkDoneProgress("end") { Message = message }).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
    }

    private async Task SendAsync(WorkDoneProgress value)
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync("$/progress", new ProgressParams(token, value)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException)
        {
            log($"progress not sent: {exception.Message}");
        }
    }
}
