using System.Collections.Immutable;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Hdl.Workspace;
using Hdl.Workspace.Graph;
using Hdl.Workspace.Index;

namespace Hdl.Retrieval.Sessions;

/// <summary>
/// An open retrieval index of one workspace: the store, the embedding and vector backends, the indexer and the searcher
/// over one SQLite connection. Updates and searches take turns (one connection is not used concurrently); a host that
/// must not wait while a long update runs asks <see cref="TrySearchAsync"/>, which says so instead of blocking.
/// Shared by the command line (`hdl search`, `hdl eval`) and the language server (`hdl/search`).
/// </summary>
public sealed class RetrievalSession : IDisposable
{
    private readonly SqliteRetrievalStore _store;
    private readonly RetrievalBackend _backend;
    private readonly RetrievalIndexer _indexer;
    private readonly RetrievalSearcher _searcher;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _disposed;

    private RetrievalSession(SqliteRetrievalStore store, RetrievalBackend backend, RetrievalIndexOptions indexOptions)
    {
        _store = store;
        _backend = backend;
        _indexer = new RetrievalIndexer(store, backend.Vectors!, backend.Generator!, TextAnalyzer.Default, indexOptions);
        _searcher = new RetrievalSearcher(store, backend.Vectors!, backend.Generator!, TextAnalyzer.Default);
    }

    public string DatabasePath => _store.DatabasePath;

    /// <summary>Opens (creating when needed) the index at <paramref name="databasePath"/>; on failure the session is null and the problem says why.</summary>
    public static (RetrievalSession? Session, string? Problem) Open(string databasePath, RetrievalBackendOptions backendOptions, RetrievalIndexOptions indexOptions)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        ArgumentNullException.ThrowIfNull(backendOptions);
        ArgumentNullException.ThrowIfNull(indexOptions);
        SqliteRetrievalStore store;
        try
        {
            store = SqliteRetrievalStore.Open(databasePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            return (null, $"cannot open the index '{databasePath}': {exception.Message}");
        }

        var backend = RetrievalBackends.Create(backendOptions, store, TextAnalyzer.Default);
        if (!backend.IsAvailable)
        {
            store.Dispose();
            return (null, backend.Problem);
        }

        return (new RetrievalSession(store, backend, indexOptions), null);
    }

    /// <summary>The content hashes of files as read now (an unreadable file hashes to empty), to compare with the index before analysing anything.</summary>
    public static ImmutableDictionary<string, string> HashFiles(IEnumerable<string> paths, ISourceFileReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(reader);
        var hashes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = reader.Read(path, cancellationToken).Text;
            hashes[path] = text is null ? string.Empty : WorkspaceIndex.HashOf(text.Text);
        }

        return hashes.ToImmutable();
    }

    /// <summary>Files that are new or changed against the index, and indexed files that are gone.</summary>
    public (ImmutableArray<string> Changed, ImmutableArray<string> Removed) Differences(IReadOnlyDictionary<string, string> currentHashes) =>
        InTurn(() => _indexer.Differences(currentHashes));

    public int ChunkCount() => InTurn(_store.ChunkCount);

    /// <summary>The in-memory BM25 index's size and load time (loading it when needed), for reports.</summary>
    public LexicalIndexSize LexicalIndexSize() => InTurn(_store.LexicalIndexSize);

    /// <summary>Vector lists served by the embedded store's 8-bit scan, and how many of them needed its second pass; null on another store.</summary>
    public (long Lists, long SecondPasses)? QuantizedScanCounts() =>
        _backend.Vectors is Storage.SqliteVectorCollection embedded ? (embedded.QuantizedLists, embedded.QuantizedFallbacks) : null;

    /// <summary>A read of the store once no update or search is running (they share its connection).</summary>
    private T InTurn<T>(Func<T> read)
    {
        _turn.Wait();
        try
        {
            return read();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Brings the index up to the snapshot: only files whose hash changed are re-chunked and re-embedded.</summary>
    public async Task<RetrievalIndexUpdate> UpdateAsync(WorkspaceIndex index, RepositoryGraph? graph, ISourceFileReader reader, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var hashes = index.Files.ToDictionary(file => file.Path, file => file.ContentHash, StringComparer.Ordinal);
            var (changed, removed) = _indexer.Differences(hashes);
            if (changed.IsEmpty && removed.IsEmpty)
            {
                return new RetrievalIndexUpdate(0, 0, 0, 0, _store.ChunkCount(), false);
            }

            // The graph is only needed when something changed; building it is the costly part of an update.
            graph ??= RepositoryGraph.Build(index, cancellationToken);
            return await _indexer.UpdateAsync(index, graph, reader, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task<ImmutableArray<SearchHit>> SearchAsync(string query, SearchOptions options, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _searcher.SearchAsync(query, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>A search that does not wait longer than <paramref name="patience"/> for an update to finish; null when it would have to.</summary>
    public async Task<ImmutableArray<SearchHit>?> TrySearchAsync(string query, SearchOptions options, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(patience, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return await _searcher.SearchAsync(query, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // An update or search still running finishes first: its connection must not close under it.
        _turn.Wait();
        _backend.Generator?.Dispose();
        _backend.Vectors?.Dispose();
        _store.Dispose();
        _turn.Dispose();
    }
}
