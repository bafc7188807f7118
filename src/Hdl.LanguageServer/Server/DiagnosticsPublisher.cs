using System.Collections.Immutable;
using Hdl.LanguageServer.Handlers;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// Publishes diagnostics of open documents once edits pause: the file's syntax, preprocessor and model findings, the
/// hierarchy's findings located in it (when enabled; when the hierarchy is not made yet the documents go out without
/// them and again once it is), unresolved names from binding the document (HDL3001–HDL3003, once the workspace is
/// indexed, so a name from a file not yet read is not reported; other files need not be bound), and its inactive `ifdef branches as
/// Unnecessary hints and in a `hdl/inactiveRegions` notification.
/// </summary>
internal sealed class DiagnosticsPublisher(JsonRpc rpc, Func<ServerState> currentState, DocumentSyntax syntax, PathStyle pathStyle, Action<string> log, ServerTrace? trace = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int?> _published = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>How long a publication waits for the hierarchy before going out without elaboration diagnostics.</summary>
    private static readonly TimeSpan ElaborationWait = TimeSpan.FromMilliseconds(50);

    /// <summary>The quiet time before a publication, adapted to how long publications take (<see cref="DiagnosticsDebounce"/>).</summary>
    public DiagnosticsDebounce Debounce { get; } = new(DebounceOptions.Default);

    /// <summary>
    /// Publishes the current state's diagnostics once no edit came for the debounce time, at most
    /// <paramref name="maximumDelayMilliseconds"/> (the configured delay).
    /// </summary>
    /// <returns>The delay chosen.</returns>
    public TimeSpan Schedule(int maximumDelayMilliseconds)
    {
        var generation = Interlocked.Increment(ref _generation);
        var delay = Debounce.Delay(TimeSpan.FromMilliseconds(maximumDelayMilliseconds));
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay).ConfigureAwait(false);
            if (Interlocked.Read(ref _generation) == generation)
            {
                await PublishAsync(currentState(), generation, measure: true).ConfigureAwait(false);
            }
        });
        return delay;
    }

    public void Clear(string uri)
    {
        lock (_lock)
        {
            _published.Remove(uri);
        }

        _ = SendAsync(new PublishDiagnosticsParams(uri, null, []));
    }

    private async Task PublishAsync(ServerState state, long generation, bool measure)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var span = trace?.Start("publish diagnostics");
            var context = new RequestContext(state, syntax, pathStyle);

            // The hierarchy may take up to the elaboration wait; the documents' own findings are gathered meanwhile.
            var hierarchyTask = HierarchyWithinAsync(state, generation);
            var documents = new List<(OpenDocument Document, ImmutableArray<LspDiagnostic>.Builder Diagnostics, ImmutableArray<Hdl.Syntax.Diagnostics.Diagnostic> Binding, ImmutableArray<Hdl.Syntax.Text.Location> Inactive)>();
            foreach (var document in state.Documents.Values)
            {
                if (Interlocked.Read(ref _generation) != generation)
                {
                    return;
                }

                var file = state.Index.GetFile(document.Path);
                var diagnostics = ImmutableArray.CreateBuilder<LspDiagnostic>();
                foreach (var diagnostic in file?.Diagnostics ?? [])
                {
                    if (diagnostic.Location.Path == document.Path || string.IsNullOrEmpty(diagnostic.Location.Path))
                    {
                        diagnostics.Add(Conversions.ToDiagnostic(diagnostic, context.UriOf));
                    }
                }

                if (file?.Problem is { } problem)
                {
                    diagnostics.Add(new LspDiagnostic(new Protocol.Range(new Position(0, 0), new Position(0, 0)), file.ErrorCount > 0 ? 1 : 2, null, "hdl", problem));
                }

                // The document's own bindings only: the rest of the workspace need not be bound to publish it.
                span?.Mark("index");
                var binding = state.IndexReady ? state.Index.Bindings.DiagnosticsIn(document.Path, CancellationToken.None) : [];
                span?.Mark("binding");

                // The analysis recorded the inactive branches of the text it read (stored with the index too); the
                // document is parsed again only when none were recorded.
                var regions = file?.Design is null ? []
                    : DocumentSyntax.InactiveRegions(file, document.Text)
                        ?? (context.SyntaxOf(document.Path, CancellationToken.None) is { } tree ? DocumentSyntax.InactiveRegions(tree) : []);
                span?.Mark("inactive");
                documents.Add((document, diagnostics, binding, regions));
            }

            var hierarchy = await hierarchyTask.ConfigureAwait(false);
            span?.Mark("hierarchy");
            var elaboration = hierarchy?.Diagnostics.ToLookup(diagnostic => diagnostic.Location.Path, StringComparer.Ordinal);
            if (measure)
            {
                Debounce.Record(clock.Elapsed);
            }

            foreach (var (document, diagnostics, binding, regions) in documents)
            {
                if (Interlocked.Read(ref _generation) != generation)
                {
                    return;
                }

                foreach (var diagnostic in (elaboration?[document.Path] ?? []).Concat(binding))
                {
                    diagnostics.Add(Conversions.ToDiagnostic(diagnostic, context.UriOf));
                }

                diagnostics.AddRange(regions.Select(Conversions.ToInactiveRegionDiagnostic));
                ImmutableArray<Protocol.Range> inactive = [.. regions.Select(region => Conversions.ToRange(region))];
                lock (_lock)
                {
                    _published[document.Uri] = document.Version;
                }

                await SendAsync(new PublishDiagnosticsParams(document.Uri, document.Version, diagnostics.ToImmutable())).ConfigureAwait(false);

                // The same regions for clients that shade them themselves (the Unnecessary tag is only a hint).
                await SendAsync("hdl/inactiveRegions", new InactiveRegionsParams(document.Uri, document.Version, inactive)).ConfigureAwait(false);
            }

            span?.End($"debounce {Debounce.Delay(TimeSpan.FromMilliseconds(state.Configuration.DiagnosticsDelayMilliseconds)).TotalMilliseconds:F0} ms");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            log($"publishing diagnostics failed: {exception}");
        }
    }

    /// <summary>
    /// The hierarchy for elaboration diagnostics when it is ready or becomes ready within <see cref="ElaborationWait"/>
    /// (carrying it over after an edit takes milliseconds); else null, and the documents are published again once it
    /// is made, unless newer edits came (their publication will have it).
    /// </summary>
    private async Task<InstanceHierarchy?> HierarchyWithinAsync(ServerState state, long generation)
    {
        if (!state.Configuration.ElaborationDiagnostics || !state.IndexReady)
        {
            return null;
        }

        if (state.HierarchyIfReady() is { } ready)
        {
            return ready;
        }

        var elaborating = state.HierarchyAsync();
        if (await Task.WhenAny(elaborating, Task.Delay(ElaborationWait)).ConfigureAwait(false) == elaborating && elaborating.IsCompletedSuccessfully)
        {
#pragma warning disable VSTHRD003 // Completed already (WhenAny above).
            return await elaborating.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }

        _ = RepublishWhenMadeAsync(elaborating, state, generation);
        return null;
    }

    private async Task RepublishWhenMadeAsync(Task<InstanceHierarchy> elaborating, ServerState state, long generation)
    {
        try
        {
#pragma warning disable VSTHRD003 // The elaboration runs on the thread pool (ServerState.HierarchyAsync); there is no context to deadlock on.
            await elaborating.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            log($"elaboration for diagnostics failed: {exception.Message}");
            return;
        }

        if (Interlocked.Read(ref _generation) == generation)
        {
            await PublishAsync(state, generation, measure: false).ConfigureAwait(false);
        }
    }

    private Task SendAsync(PublishDiagnosticsParams parameters) => SendAsync("textDocument/publishDiagnostics", parameters);

    private async Task SendAsync(string method, object parameters)
    {
        try
        {
            await rpc.NotifyWithParameterObjectAsync(method, System.Text.Json.JsonSerializer.SerializeToElement(parameters, parameters.GetType(), LspJson.Options)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException)
        {
            log($"diagnostics not sent: {exception.Message}");
        }
    }
}
