using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests;

/// <summary>
/// A minimal LSP client for tests: frames messages, matches responses to requests, keeps notifications, and answers
/// the server's own requests (work-done progress tokens) with an empty result.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    /// <summary>A guard against a hung test, not a measurement: no test asserts how long anything took.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly List<JsonObject> _notifications = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _notified = new(0);
    private readonly Task _reading;
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;

    public LspClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        _reading = Task.Run(ReadLoopAsync);
    }

    /// <summary>True once the server closed its output.</summary>
    public bool ServerClosed { get; private set; }

    public IReadOnlyList<JsonObject> Notifications
    {
        get
        {
            lock (_notifications)
            {
                return [.. _notifications];
            }
        }
    }

    /// <summary>The whole response message: `result` or `error`.</summary>
    public async Task<JsonObject> RequestAsync(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        return await completion.Task.WaitAsync(Patience);
    }

    /// <summary>Sends a request and returns its id without waiting (for cancellation tests).</summary>
    public async Task<(int Id, Task<JsonObject> Response)> StartRequestAsync(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        return (id, completion.Task.WaitAsync(Patience));
    }

    /// <summary>The result of a request that must succeed.</summary>
    public async Task<JsonNode?> ResultAsync(string method, object? parameters)
    {
        var response = await RequestAsync(method, parameters);
        Assert.True(response["error"] is null, $"{method} failed: {response["error"]?.ToJsonString()}");
        return response["result"];
    }

    public Task NotifyAsync(string method, object? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = ToNode(parameters) });

    /// <summary>Raw bytes on the wire, for malformed-input tests.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _toServer.WriteAsync(bytes);
            await _toServer.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<JsonObject> ResponseForAsync(int id)
    {
        var completion = _pending.GetOrAdd(id, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
        return completion.Task.WaitAsync(Patience);
    }

    /// <summary>Waits for a notification that satisfies the predicate (seen before or arriving later).</summary>
    public async Task<JsonObject> WaitForNotificationAsync(string method, Func<JsonObject, bool>? predicate = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = 0;
        while (true)
        {
            var all = Notifications;
            for (var i = seen; i < all.Count; i++)
            {
                if ((string?)all[i]["method"] == method && (predicate is null || predicate(all[i])))
                {
                    return all[i];
                }
            }

            seen = all.Count;
            Assert.False(ServerClosed, $"the server closed its output while a test waited for {method}");
            await _notified.WaitAsync(TimeSpan.FromMilliseconds(500), timeout.Token);
        }
    }

    public static byte[] Frame(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private async Task SendAsync(JsonObject message) => await SendRawAsync(Frame(message.ToJsonString()));

    private static JsonNode? ToNode(object? value) =>
        value switch
        {
            null => null,
            JsonNode node => node,
            _ => JsonSerializer.SerializeToNode(value, WebOptions),
        };

    private async Task ReadLoopAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[65536];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var message = await ReadFrameAsync(buffer, chunk);
                if (message is null)
                {
                    break;
                }

                if (message["method"] is not null && message["id"] is not null)
                {
                    // A request from the server (work-done progress token, configuration): answer with null.
                    await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = null });
                }
                else if (message["method"] is not null)
                {
                    lock (_notifications)
                    {
                        _notifications.Add(message);
                    }

                    _notified.Release();
                }
                else if (message["id"] is JsonValue idValue && idValue.TryGetValue<int>(out var id))
                {
                    _pending.GetOrAdd(id, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
                }
                else
                {
                    lock (_notifications)
                    {
                        _notifications.Add(message);
                    }

                    _notified.Release();
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            ServerClosed = true;
            _notified.Release();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("the server closed its output"));
            }
        }
    }

    private async Task<JsonObject?> ReadFrameAsync(List<byte> buffer, byte[] chunk)
    {
        while (true)
        {
            var headerEnd = IndexOf(buffer, "\r\n\r\n"u8);
            if (headerEnd >= 0)
            {
                var header = Encoding.ASCII.GetString([.. buffer.GetRange(0, headerEnd)]);
                var length = int.Parse(header.Split("\r\n").First(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                var start = headerEnd + 4;
                while (buffer.Count < start + length)
                {
                    var more = await _fromServer.ReadAsync(chunk);
                    if (more == 0)
                    {
                        return null;
                    }

                    buffer.AddRange(chunk.AsSpan(0, more));
                }

                var body = buffer.GetRange(start, length).ToArray();
                buffer.RemoveRange(0, start + length);
                return JsonNode.Parse(body)!.AsObject();
            }

            var read = await _fromServer.ReadAsync(chunk);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = buffer[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
