using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO.Pipelines;
using System.Reflection;
using System.Text.Json;
using Hdl.LanguageServer.Handlers;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Features;
using Hdl.Workspace.Index;
using Hdl.Syntax.Preprocessor;
using NonConcurrentSynchronizationContext = Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// The server over one pair of streams: framing, the lifecycle (initialize, initialized, shutdown, exit), the
/// scheduler and the background work (indexing with $/progress, debounced diagnostics). Messages are taken in
/// arrival order (a non-concurrent synchronization context): a mutating notification replaces the state at once, a
/// read request captures the state current at its arrival and then runs on the thread pool beside other reads.
/// A document change cancels the reads still running on that document (ContentModified).
/// </summary>
public sealed class LanguageServerHost : IAsyncDisposable
{
    /// <summary>Lines parsed after a warm start to fill the parsers' caches (half a second to a few CPU-s; the first edits then cost what later ones do).</summary>
    private const int ParserPrimingLines = 20_000;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly TextWriter _log;
    private readonly PathStyle _pathStyle;
    private readonly Dictionary<string, ILspHandler> _handlers;
    private readonly DocumentSyntax _syntax = new();
    private readonly Lock _stateLock = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _documentTokens = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ISourceFileReader _diskReader;
    private readonly Func<IIncludeSource> _includeSourceFactory;
    private readonly Lazy<DiagnosticsPublisher> _publisher;
    private readonly RetrievalIndexHost _retrieval;
    private readonly SnapshotPreparer _preparer;
    private readonly ServerTrace _trace;
    private ServerState _state;
    private JsonRpc? _rpc;
    private bool _initialized;
    private bool _shutdown;
    private bool _clientSupportsProgress;
    private CancellationTokenSource? _indexing;
    private int _indexGeneration;

    /// <summary>Read requests being answered now (the idle collector waits for none).</summary>
    private int _runningRequests;

    public LanguageServerHost(Stream input, Stream output, TextWriter log)
        : this(input, output, log, Conversions.CurrentPathStyle, new DiskSourceFileReader(), () => new DiskIncludeSource())
    {
    }

    internal LanguageServerHost(Stream input, Stream output, TextWriter log, PathStyle pathStyle, ISourceFileReader diskReader, Func<IIncludeSource> includeSourceFactory)
    {
        _input = input;
        _output = output;
        _log = log;
        _pathStyle = pathStyle;
        _diskReader = diskReader;
        _includeSourceFactory = includeSourceFactory;
        _handlers = HandlerRegistry.All().ToDictionary(handler => handler.Method, StringComparer.Ordinal);
        _state = ServerState.Create(ServerConfiguration.Default, diskReader, includeSourceFactory());
        _trace = ServerTrace.FromEnvironment(Log);
        _publisher = new Lazy<DiagnosticsPublisher>(() => new DiagnosticsPublisher(_rpc!, () => Volatile.Read(ref _state), _syntax, _pathStyle, Log, _trace));
        _preparer = new SnapshotPreparer(() => Volatile.Read(ref _state), Log, _trace, IdleCollector.ForProcess(() => Volatile.Read(ref _runningRequests) > 0));
        _retrieval = new RetrievalIndexHost(() => Volatile.Read(ref _state), (token, enabled, title) => new IndexProgressReporter(_rpc!, token, enabled, Log, title), Log);
    }

    /// <summary>Serves until `exit` (0 after `shutdown`, 1 otherwise) or until the input ends (1).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        var framing = new MessageFraming(_input, pipe.Writer, Log);
        var handler = new HeaderDelimitedMessageHandler(PipeWriter.Create(_output), pipe.Reader, new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(LspJson.Options) });
        using var rpc = new JsonRpc(handler)
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        _rpc = rpc;
        Register(rpc);
        rpc.Disconnected += (_, args) => Log($"connection closed: {args.Description}");
        rpc.StartListening();
        var reading = Task.Run(() => framing.RunAsync(_lifetime.Token), CancellationToken.None);
        using var registration = cancellationToken.Register(() => _exit.TrySetResult(1));
        var inputEnded = rpc.Completion.ContinueWith(_ => _exit.TrySetResult(1), TaskScheduler.Default);
#pragma warning disable VSTHRD003 // _exit is completed by this object's own handlers (exit) or the line above.
        var exitCode = await _exit.Task.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _indexing?.Cancel();
        _retrieval.Dispose();
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine($"hdl-lsp: {message}");
            _log.Flush();
        }
    }

    private void Register(JsonRpc rpc)
    {
        var invoke = typeof(MethodTarget).GetMethod(nameof(MethodTarget.InvokeAsync))!;
        var methods = _handlers.Keys.Concat(["initialize", "initialized", "shutdown", "exit", "hdl/reindex", MessageFraming.InvalidMessageMethod]);
        foreach (var method in methods)
        {
            rpc.AddLocalRpcMethod(invoke, new MethodTarget(this, method), new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });
        }
    }

    /// <summary>One registered method name; StreamJsonRpc hands it the raw params.</summary>
    private sealed class MethodTarget(LanguageServerHost host, string method)
    {
        public Task<JsonElement?> InvokeAsync(JsonElement? parameters = null, CancellationToken cancellationToken = default) =>
            host.DispatchAsync(method, parameters, cancellationToken);
    }

    /// <summary>Runs in arrival order up to its first await (the synchronization context sees to it).</summary>
    private async Task<JsonElement?> DispatchAsync(string method, JsonElement? parameters, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case MessageFraming.InvalidMessageMethod:
                var code = parameters?.TryGetProperty("code", out var codeElement) == true && codeElement.TryGetInt32(out var number) ? number : ErrorCodes.ParseError;
                var message = parameters?.TryGetProperty("message", out var messageElement) == true ? messageElement.GetString() : "invalid message";
                Log(message ?? "invalid message");
                throw new LocalRpcException(message) { ErrorCode = code };
            case "initialize":
                return Serialize(Initialize(Parse<InitializeParams>(parameters)));
            case "exit":
                _exit.TrySetResult(_shutdown ? 0 : 1);
                return null;
        }

        if (!_initialized)
        {
            throw new LocalRpcException($"'{method}' before 'initialize'") { ErrorCode = ErrorCodes.ServerNotInitialized };
        }

        if (_shutdown)
        {
            throw new LocalRpcException($"'{method}' after 'shutdown'") { ErrorCode = ErrorCodes.InvalidRequest };
        }

        switch (method)
        {
            case "initialized":
                _ = Task.Run(StartIndexingAsync, CancellationToken.None);
                return null;
            case "shutdown":
                _shutdown = true;
                _indexing?.Cancel();
                return null;
            case "hdl/reindex":
                var built = await ReindexAsync(cancellationToken).ConfigureAwait(false);
                return Serialize(new ReindexResult(built.Files.Length, built.LineCount, built.Units.All.Length));
        }

        var span = _trace.Start(method);
        var handler = _handlers[method];
        var typed = ParseAs(handler.ParamsType, parameters);
        if (handler.MutatesState)
        {
            Mutate(handler, typed);
            return null;
        }

        // Captured now, before the first await: the state this request sees is the one current at its arrival.
        var context = new RequestContext(Volatile.Read(ref _state), _syntax, _pathStyle, _retrieval);
        var document = DocumentPathOf(parameters);
        using var stale = document is not null && _documentTokens.TryGetValue(document, out var documentToken)
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, documentToken.Token, _lifetime.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        Interlocked.Increment(ref _runningRequests);
        try
        {
            return await Task.Run(() => Traced(span, () => Serialize(Invoke(handler, typed, context, stale.Token)), context), stale.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocalRpcException($"'{method}' was cancelled: the document changed") { ErrorCode = ErrorCodes.ContentModified };
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not LocalRpcException)
        {
            Log($"{method} failed: {exception}");
            throw new LocalRpcException($"'{method}' failed: {exception.GetType().Name}: {exception.Message}") { ErrorCode = ErrorCodes.InternalError };
        }
        finally
        {
            Interlocked.Decrement(ref _runningRequests);
        }
    }

    /// <summary>Runs a request, splitting its time (when tracing) into the wait for a thread, for the index and the rest.</summary>
    private static JsonElement? Traced(ServerTrace.Span? span, Func<JsonElement?> run, RequestContext context)
    {
        if (span is null)
        {
            return run();
        }

        span.Mark("queued");
        var made = context.State.IsIndexMade;
        _ = context.State.Index;
        span.Mark(made ? "index (made)" : "index");
        try
        {
            return run();
        }
        finally
        {
            span.Mark("handler");
            span.End();
        }
    }

    private static object? Invoke(ILspHandler handler, object parameters, RequestContext context, CancellationToken cancellationToken)
    {
        var handle = handler.GetType().GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance)!;
        try
        {
            return handle.Invoke(handler, [parameters, context, cancellationToken]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private void Mutate(ILspHandler handler, object parameters)
    {
        MutationContext mutation;
        lock (_stateLock)
        {
            _trace.Start(handler.Method)?.End();
            mutation = new MutationContext(_state, _pathStyle);
            try
            {
                handler.GetType().GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance)!.Invoke(handler, [parameters, mutation]);
            }
            catch (TargetInvocationException exception)
            {
                Log($"{handler.Method} failed: {exception.InnerException}");
                return;
            }

            Volatile.Write(ref _state, mutation.State);
        }

        foreach (var path in mutation.ChangedDocuments)
        {
            if (_documentTokens.TryRemove(path, out var previous))
            {
                previous.Cancel();
                previous.Dispose();
            }

            _documentTokens[path] = new CancellationTokenSource();
        }

        foreach (var closed in mutation.ClosedDocuments)
        {
            _publisher.Value.Clear(closed.Uri);
        }

        if (mutation.State.IndexReady && mutation.ChangedDocuments.Count > 0)
        {
            // The next request on the document would make its snapshot; start it now, while the client is still sending it.
            _ = _preparer.ScheduleAsync(mutation.ChangedDocuments);
        }

        if (mutation.ReindexRequested)
        {
            _ = Task.Run(StartIndexingAsync, CancellationToken.None);
        }
        else if (mutation.State.IndexReady && mutation.State.Configuration.Retrieval)
        {
            _retrieval.Schedule(mutation.State.Configuration.RetrievalDelayMilliseconds, _lifetime.Token);
        }

        _publisher.Value.Schedule(mutation.State.Configuration.DiagnosticsDelayMilliseconds);
    }

    private InitializeResult Initialize(InitializeParams request)
    {
        if (_initialized)
        {
            throw new LocalRpcException("'initialize' was already received") { ErrorCode = ErrorCodes.InvalidRequest };
        }

        var roots = request.WorkspaceFolders is { IsDefaultOrEmpty: false } folders
            ? folders.Select(folder => Conversions.ToPath(folder.Uri, _pathStyle)).OfType<string>().ToImmutableArray()
            : request.RootUri is { } rootUri && Conversions.ToPath(rootUri, _pathStyle) is { } rootPath ? [rootPath]
            : request.RootPath is { } legacy ? [legacy] : [];
        _clientSupportsProgress = request.Capabilities is { ValueKind: JsonValueKind.Object } capabilities
            && capabilities.TryGetProperty("window", out var window) && window.ValueKind == JsonValueKind.Object
            && window.TryGetProperty("workDoneProgress", out var progress) && progress.ValueKind == JsonValueKind.True;
        lock (_stateLock)
        {
            _state = _state.WithConfiguration(_state.Configuration.Read(request.InitializationOptions)).WithRoots(roots);
        }

        _initialized = true;
        return new InitializeResult(HandlerRegistry.Capabilities(), new ServerInfo("hdl", typeof(LanguageServerHost).Assembly.GetName().Version?.ToString() ?? "0.0.0"));
    }

    private async Task StartIndexingAsync()
    {
        try
        {
            await ReindexAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log("indexing cancelled");
        }
        catch (Exception exception)
        {
            // Indexing is background work: a failure is logged and the server answers from what it has.
            Log($"indexing failed: {exception}");
        }
    }

    /// <summary>Builds the index of the workspace folders in the background, reporting $/progress, and installs it.</summary>
    private async Task<WorkspaceIndex> ReindexAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Increment(ref _indexGeneration);
        using var indexing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var previous = Interlocked.Exchange(ref _indexing, indexing);
        previous?.Cancel();
        var state = Volatile.Read(ref _state);
        var token = $"hdl/index/{generation}";
        using var progress = new IndexProgressReporter(_rpc!, token, _clientSupportsProgress, Log);
        await progress.BeginAsync().ConfigureAwait(false);
        var loaded = await Task.Run(() => WorkspaceLoader.Build(state.Roots, state.Configuration, _diskReader, _includeSourceFactory(), progress, indexing.Token), indexing.Token).ConfigureAwait(false);
        var built = loaded.Index;
        var elaboration = ElaborationOptions.Default with { Tops = loaded.Tops };
        foreach (var message in loaded.ConfigurationErrors.Select(error => error.ToString()).Concat(loaded.IndexMessages))
        {
            Log(message);
        }

        if (!loaded.ConfigurationErrors.IsEmpty)
        {
            await ShowMessageAsync(2, $"hdl.json: {loaded.ConfigurationErrors.Length} problem(s), first: {loaded.ConfigurationErrors[0]}").ConfigureAwait(false);
        }

        var installed = false;
        lock (_stateLock)
        {
            if (generation == _indexGeneration)
            {
                Volatile.Write(ref _state, _state.WithBuiltIndex(built, loaded.Files, elaboration, loaded.ProjectFiles));
                installed = true;
            }
        }

        // The end of progress is sent once the index is installed, so a request after it sees the new index.
        await progress.EndAsync($"{built.Files.Length} files ({loaded.StoredFileCount} unchanged since the stored index), {built.LineCount} lines").ConfigureAwait(false);
        Interlocked.CompareExchange(ref _indexing, null, indexing);
        _publisher.Value.Schedule(0);
        if (installed)
        {
            _ = Task.Run(() => WarmUpThenStartRetrieval(built, elaboration, loaded.StoredFileCount > 0), _lifetime.Token);
        }

        return built;
    }

    /// <summary>
    /// Binding and elaborating a large workspace takes seconds: done here, in the background, so the first definition
    /// or diagnostics request after indexing finds them made (the snapshots after edits derive theirs from these).
    /// Search comes after: it chunks the analysed files.
    /// </summary>
    private void WarmUpThenStartRetrieval(WorkspaceIndex built, ElaborationOptions elaboration, bool loadedFromStore)
    {
        try
        {
            // Requests bind the files they ask about on their own; this binds the rest, then elaborates. The times
            // (wall and the process's CPU) go to the log so benchmarks can read what the warm-up costs.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu = Environment.CpuUsage.TotalTime;
            var bindings = built.Bindings;
            var made = (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
            bindings.BindAll(_lifetime.Token);

            // A document opened before the base's bindings existed makes a snapshot whose bindings start from none, and
            // the snapshots of its edits derive from that one: binding only the base would leave every file of the
            // served line unbound until the first find-references binds them all (seconds on a large workspace). Files
            // the served snapshot carries from the base cost nothing here.
            if (Volatile.Read(ref _state).Index is var served && !ReferenceEquals(served, built))
            {
                served.Bindings.BindAll(_lifetime.Token);
            }

            var bound = (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
            _ = built.Elaborate(elaboration, _lifetime.Token);
            var elaborated = (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);

            // A workspace loaded from the stored index has parsed nothing yet: the first edits would fill the parsers'
            // caches. Only a fresh build has warmed them.
            var primed = loadedFromStore ? built.PrimeParsers(_diskReader, _includeSourceFactory(), ParserPrimingLines, _lifetime.Token) : 0;
            var current = Volatile.Read(ref _state);
            _ = Workspace.Features.Completion.CodeCompletion.Prime(current.Index, current.Documents.Keys.Concat(current.Index.Files.Take(50).Select(file => file.Path)), current.GetText, _lifetime.Token);
            Log(FormattableString.Invariant($"warm-up: bindings made in {made.Item1.TotalMilliseconds:F0} ms (process CPU {made.Item2.TotalMilliseconds:F0} ms), all files bound at {bound.Item1.TotalMilliseconds:F0} ms (CPU {bound.Item2.TotalMilliseconds:F0} ms), elaborated at {elaborated.Item1.TotalMilliseconds:F0} ms (CPU {elaborated.Item2.TotalMilliseconds:F0} ms), {primed} files parsed to prime the parsers at {clock.Elapsed.TotalMilliseconds:F0} ms (CPU {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms)"));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception exception)
        {
            // The requests that need them will build them again and report the failure where it matters.
            Log($"warm-up of bindings and hierarchy failed: {exception}");
        }

        _retrieval.Start(_clientSupportsProgress, _lifetime.Token);
    }

    private async Task ShowMessageAsync(int type, string message)
    {
        try
        {
            await _rpc!.NotifyWithParameterObjectAsync("window/showMessage", new LogMessageParams(type, message)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException)
        {
            Log($"message not sent: {exception.Message}");
        }
    }

    private string? DocumentPathOf(JsonElement? parameters) =>
        parameters is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("textDocument", out var document)
        && document.ValueKind == JsonValueKind.Object && document.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String
            ? Conversions.ToPath(uri.GetString()!, _pathStyle)
            : null;

    private static T Parse<T>(JsonElement? parameters)
        where T : class => (T)ParseAs(typeof(T), parameters);

    private static object ParseAs(Type type, JsonElement? parameters)
    {
        try
        {
            var element = parameters is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } present ? present : JsonDocument.Parse("{}").RootElement;
            return element.Deserialize(type, LspJson.Options) ?? throw new JsonException("params are null");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new LocalRpcException($"invalid params: {exception.Message}") { ErrorCode = ErrorCodes.InvalidParams };
        }
    }

    private static JsonElement? Serialize(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), LspJson.Options);
}
