using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Sessions;
using Hdl.Retrieval.Storage;
using Hdl.Workspace.Storage;
using StreamJsonRpc;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// The retrieval index behind `hdl/search`, kept beside the workspace index: opened and brought up to date in the
/// background once the workspace is indexed (with `$/progress`), then updated after edits settle, per file (only files
/// whose content hash changed are re-chunked and re-embedded; one update at a time, later requests folded into one
/// more run). A search before the first update answers from what the
/// index on disk already holds; with no index yet, or while a long update holds it, the search is refused with a reason.
/// </summary>
internal sealed class RetrievalIndexHost(Func<ServerState> currentState, Func<string, bool, string, IndexProgressReporter> progressFactory, Action<string> log) : IDisposable
{
    /// <summary>How long a search waits for a running update before it is refused: an edit's update is short, a first build is not.</summary>
    private static readonly TimeSpan SearchPatience = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private RetrievalSession? _session;
    private string? _sessionRoot;
    private string? _problem;
    private long _generation;
    private int _updates;
    private bool _disposed;

    /// <summary>An update is running; <see cref="_again"/>: another was asked for meanwhile (with these options).</summary>
    private bool _updating;
    private bool _again;
    private bool _againReopens;
    private bool _againReportsProgress;

    /// <summary>Opens the index of the state's first folder (again, when folders or settings moved it) and updates it.</summary>
    public void Start(bool clientSupportsProgress, CancellationToken lifetime)
    {
        var generation = Interlocked.Increment(ref _generation);
        _ = Task.Run(() => UpdateAsync(generation, clientSupportsProgress, reopen: true, lifetime), CancellationToken.None);
    }

    /// <summary>After edits: the changed files go in once the quiet time passes without another edit.</summary>
    public void Schedule(int delayMilliseconds, CancellationToken lifetime)
    {
        var generation = Interlocked.Increment(ref _generation);
        _ = Task.Run(
            async () =>
            {
                await Task.Delay(delayMilliseconds, lifetime).ConfigureAwait(false);
                if (Interlocked.Read(ref _generation) == generation)
                {
                    await UpdateAsync(generation, clientSupportsProgress: false, reopen: false, lifetime).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
    }

    public ImmutableArray<SearchHit> Search(string query, SearchOptions options, CancellationToken cancellationToken)
    {
        RetrievalSession? session;
        lock (_lock)
        {
            session = _session;
            if (session is null)
            {
                throw new LocalRpcException(_problem ?? (currentState().Configuration.Retrieval ? "the retrieval index is not built yet: the workspace is still being indexed" : "retrieval is switched off (setting 'retrieval')"))
                {
                    ErrorCode = ErrorCodes.RequestFailed,
                };
            }
        }

#pragma warning disable VSTHRD002 // Handlers run on the thread pool without a synchronization context.
        var hits = session.TrySearchAsync(query, options, SearchPatience, cancellationToken).GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
        return hits ?? throw new LocalRpcException("the retrieval index is being updated; try again when its progress ends") { ErrorCode = ErrorCodes.RequestFailed };
    }

    public void Dispose()
    {
        RetrievalSession? session;
        lock (_lock)
        {
            _disposed = true;
            session = _session;
            _session = null;
        }

        session?.Dispose();
    }

    /// <summary>
    /// Runs one update at a time. An update asked for while one runs is not queued behind it (each would hash the
    /// workspace and, when a file changed, rebuild the repository graph, seconds of CPU on a large workspace, taken
    /// from requests): it is folded into one more run after the running one, on the state current then.
    /// </summary>
    private async Task UpdateAsync(long generation, bool clientSupportsProgress, bool reopen, CancellationToken lifetime)
    {
        lock (_lock)
        {
            if (_updating)
            {
                _again = true;
                _againReopens |= reopen;
                _againReportsProgress |= clientSupportsProgress;
                return;
            }

            _updating = true;
        }

        while (true)
        {
            await UpdateOnceAsync(generation, clientSupportsProgress, reopen, lifetime).ConfigureAwait(false);
            lock (_lock)
            {
                if (!_again || lifetime.IsCancellationRequested)
                {
                    _updating = false;
                    return;
                }

                (reopen, clientSupportsProgress) = (_againReopens, _againReportsProgress);
                (_again, _againReopens, _againReportsProgress) = (false, false, false);
                generation = Interlocked.Read(ref _generation);
            }
        }
    }

    private async Task UpdateOnceAsync(long generation, bool clientSupportsProgress, bool reopen, CancellationToken lifetime)
    {
        var state = currentState();
        if (!state.IndexReady)
        {
            return;
        }

        try
        {
            var session = Open(state, reopen);
            if (session is null)
            {
                return;
            }

            using var progress = progressFactory($"hdl/retrieval/{generation}-{Interlocked.Increment(ref _updates)}", clientSupportsProgress, "Indexing HDL workspace for search");
            await progress.BeginAsync().ConfigureAwait(false);
            var update = await session.UpdateAsync(state.Index, graph: null, state.Reader, progress, lifetime).ConfigureAwait(false);
            await progress.EndAsync($"{update.FilesUpdated} files updated, {update.FilesRemoved} removed, {update.TotalChunks} chunks").ConfigureAwait(false);
            if (update.FilesUpdated > 0 || update.FilesRemoved > 0)
            {
                log($"retrieval index: {update.FilesUpdated} files updated, {update.FilesRemoved} removed, {update.TotalChunks} chunks");
            }
        }
        catch (OperationCanceledException)
        {
            log("retrieval index update cancelled");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Background work: the failure is logged and searches answer from what the index holds.
            log($"retrieval index update failed: {exception}");
        }
    }

    private RetrievalSession? Open(ServerState state, bool reopen)
    {
        var configuration = state.Configuration;
        var root = state.Roots.IsDefaultOrEmpty ? null : state.Roots[0];
        RetrievalSession? stale = null;
        try
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return null;
                }

                if (!configuration.Retrieval || root is null)
                {
                    stale = _session;
                    _session = null;
                    _problem = root is null ? "no workspace folder: the retrieval index needs one" : null;
                    return null;
                }

                var databasePath = IndexDatabase.ForWorkspace(root, configuration.IndexDirectory).Path;
                if (_session is not null && (!reopen || _sessionRoot == databasePath))
                {
                    return _session;
                }

                stale = _session;
                var (session, problem) = RetrievalSession.Open(databasePath, RetrievalBackendOptions.Default, RetrievalIndexOptions.Default with { MaxDegreeOfParallelism = Math.Max(1, configuration.MaxDegreeOfParallelism) });
                _session = session;
                _sessionRoot = databasePath;
                _problem = problem is null ? null : $"retrieval index unavailable: {problem}";
                if (problem is not null)
                {
                    log(_problem!);
                }

                return session;
            }
        }
        finally
        {
            stale?.Dispose();
        }
    }
}
