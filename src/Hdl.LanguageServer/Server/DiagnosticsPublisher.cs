using System.Collections.Immutable;
using Hdl.LanguageServer.Handlers;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// Publishes diagnostics of open documents once edits pause: the file's syntax, preprocessor and model findings, the
/// hierarchy's findings located in it (when enabled), unresolved names from binding (HDL3001–HDL3003, once the
/// workspace is indexed, so a name from a file not yet read is not reported), and its inactive `ifdef branches as
/// Unnecessary hints and in a `hdl/inactiveRegions` notification.
/// </summary>
internal sealed class DiagnosticsPublisher(JsonRpc rpc, Func<ServerState> currentState, DocumentSyntax syntax, PathStyle pathStyle, Action<string> log)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int?> _published = new(StringComparer.Ordinal);
    private long _generation;

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
            var context = new RequestContext(state, syntax, pathStyle);
            var elaboration = state.Configuration.ElaborationDiagnostics && state.IndexReady
                ? state.Hierarchy.Diagnostics.ToLookup(diagnostic => diagnostic.Location.Path, StringComparer.Ordinal)
                : null;
            var binding = state.IndexReady
                ? state.Index.Bindings.Diagnostics.ToLookup(diagnostic => diagnostic.Location.Path, StringComparer.Ordinal)
                : null;
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

                foreach (var diagnostic in (elaboration?[document.Path] ?? []).Concat(binding?[document.Path] ?? []))
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

                lock (_lock)
                {
                    _published[document.Uri] = document.Version;
                }

                await SendAsync(new PublishDiagnosticsParams(document.Uri, document.Version, diagnostics.ToImmutable())).ConfigureAwait(false);

                // The same regions for clients that shade them themselves (the Unnecessary tag is only a hint).
                await SendAsync("hdl/inactiveRegions", new InactiveRegionsParams(document.Uri, document.Version, inactive)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            log($"publishing diagnostics failed: {exception}");
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
