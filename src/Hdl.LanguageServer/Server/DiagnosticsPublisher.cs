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

    public void Schedule(int delayMilliseconds)
    {
        var generation = Interlocked.Increment(ref _generation);
        _ = Task.Run(async () =>
        {
            await Task.Delay(delayMilliseconds).ConfigureAwait(false);
            if (Interlocked.Read(ref _generation) == generation)
            {
                await PublishAsync(currentState(), generation).ConfigureAwait(false);
            }
        });
    }

    public void Clear(string uri)
    {
        lock (_lock)
        {
            _published.Remove(uri);
        }

        _ = SendAsync(new PublishDiagnosticsParams(uri, null, []));
    }

    private async Task PublishAsync(ServerState state, long generation)
    {
        try
        {
            var span = trace?.Start("publish diagnostics");
            var context = new RequestContext(state, syntax, pathStyle);
            var hierarchy = await HierarchyWithinAsync(state, generation).ConfigureAwait(false);
            span?.Mark("hierarchy");
            var elaboration = hierarchy?.Diagnostics.ToLookup(diagnostic => diagnostic.Location.Path, StringComparer.Ordinal);
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
                foreach (var diagnostic in (elaboration?[document.Path] ?? []).Concat(binding))
                {
                    diagnostics.Add(Conversions.ToDiagnostic(diagnostic, context.UriOf));
                }

                var inactive = ImmutableArray<Protocol.Range>.Empty;
                if (file?.Design is not null && context.SyntaxOf(document.Path, CancellationToken.None) is { } tree)
                {
                    var regions = DocumentSyntax.InactiveRegions(tree);
                    diagnostics.AddRange(regions.Select(Conversions.ToInactiveRegionDiagnostic));
                    inactive = [.. regions.Select(region => Conversions.ToRange(region))];
                }

                span?.Mark("syntax");

                lock (_lock)
                {
                    _published[document.Uri] = document.Version;
                }

                await SendAsync(new PublishDiagnosticsParams(document.Uri, document.Version, diagnostics.ToImmutable())).ConfigureAwait(false);

                // The same regions for clients that shade them themselves (the Unnecessary tag is only a hint).
                await SendAsync("hdl/inactiveRegions", new InactiveRegionsParams(document.Uri, document.Version, inactive)).ConfigureAwait(false);
            }

            span?.End();
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
            await PublishAsync(state, generation).ConfigureAwait(false);
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
