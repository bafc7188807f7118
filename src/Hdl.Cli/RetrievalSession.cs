using System.Diagnostics;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Graph;
using Hdl.Workspace.Index;

// Console output of a command-line run is line-sized and synchronous by nature; awaiting each write gains nothing.
#pragma warning disable VSTHRD103

namespace Hdl.Cli;

/// <summary>
/// An open retrieval index for one workspace, brought up to date before use: files are hashed, and only when some
/// file changed (or the provider did) is the workspace analysed and the changed files' chunks, vectors and edges
/// rewritten. A search over an unchanged workspace reads only the index.
/// </summary>
internal sealed class RetrievalSession : IDisposable
{
    private readonly SqliteRetrievalStore _store;
    private readonly RetrievalBackend _backend;

    private RetrievalSession(SqliteRetrievalStore store, RetrievalBackend backend, RetrievalIndexUpdate update, TimeSpan analysisTime, TimeSpan updateTime)
    {
        _store = store;
        _backend = backend;
        Update = update;
        AnalysisTime = analysisTime;
        UpdateTime = updateTime;
        Searcher = new RetrievalSearcher(store, backend.Vectors!, backend.Generator!, TextAnalyzer.Default);
    }

    public RetrievalSearcher Searcher { get; }

    public RetrievalIndexUpdate Update { get; }

    /// <summary>Time spent analysing the workspace (parsing, design models, graph) because files changed.</summary>
    public TimeSpan AnalysisTime { get; }

    /// <summary>Time spent on the retrieval index itself: hashing, chunking, embedding, writing.</summary>
    public TimeSpan UpdateTime { get; }

    /// <summary>One line for stderr describing the update, or null when nothing changed.</summary>
    public string? UpdateSummary => Update.FilesUpdated == 0 && Update.FilesRemoved == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"retrieval index: {Update.FilesUpdated} files updated, {Update.FilesRemoved} removed, {Update.ChunksWritten} chunks and {Update.EdgesWritten} edges written, {Update.TotalChunks} chunks in all; workspace analysis {AnalysisTime.TotalSeconds:0.00} s, retrieval index {UpdateTime.TotalSeconds:0.00} s ({string.Join(", ", Update.Phases.Select(phase => $"{phase.Phase} {phase.Elapsed.TotalSeconds:0.00} s"))})");

    /// <summary>Opens and updates the index; on failure returns null and the problems to print.</summary>
    public static async Task<(RetrievalSession? Session, List<string> Problems)> OpenAsync(
        WorkspaceRequest request, RetrievalBackendOptions backendOptions, bool showProgress, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var gathered = WorkspaceArguments.Gather(request);
        problems.AddRange(gathered.UsageProblems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        // The workspace's persisted index and the retrieval tables share one file (`.hdl/index.db`, or --index-dir).
        var databasePath = Hdl.Workspace.Storage.IndexDatabase.ForWorkspace(gathered.Root, request.IndexDirectory).Path;
        SqliteRetrievalStore store;
        try
        {
            store = SqliteRetrievalStore.Open(databasePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            problems.Add($"cannot open the index '{databasePath}': {exception.Message}");
            return (null, problems);
        }

        var backend = RetrievalBackends.Create(backendOptions, store, TextAnalyzer.Default);
        if (!backend.IsAvailable)
        {
            store.Dispose();
            problems.Add(backend.Problem!);
            return (null, problems);
        }

        var stopwatch = Stopwatch.StartNew();
        var indexer = new RetrievalIndexer(store, backend.Vectors!, backend.Generator!, TextAnalyzer.Default, RetrievalIndexOptions.Default with { MaxDegreeOfParallelism = Environment.ProcessorCount });
        var reader = new DiskSourceFileReader();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in gathered.Files)
        {
            var text = reader.Read(path, cancellationToken).Text;
            hashes[path] = text is null ? string.Empty : WorkspaceIndex.HashOf(text.Text);
        }

        var (changed, removed) = indexer.Differences(hashes);
        var update = new RetrievalIndexUpdate(0, 0, 0, 0, store.ChunkCount(), false);
        var analysisTime = TimeSpan.Zero;
        if (!changed.IsEmpty || !removed.IsEmpty)
        {
            var analysisStart = stopwatch.Elapsed;
            var index = WorkspaceArguments.BuildIndex(gathered, showProgress);
            var graph = RepositoryGraph.Build(index, cancellationToken);
            analysisTime = stopwatch.Elapsed - analysisStart;
            var progress = showProgress && !Console.IsErrorRedirected ? new Progress<(int Done, int Total)>(value => Console.Error.Write($"\rembedding {value.Done}/{value.Total} chunks")) : null;
            update = await indexer.UpdateAsync(index, graph, reader, progress, cancellationToken).ConfigureAwait(false);
            if (progress is not null)
            {
                Console.Error.Write("\r\u001b[K");
            }
        }

        return (new RetrievalSession(store, backend, update, analysisTime, stopwatch.Elapsed - analysisTime), problems);
    }

    public void Dispose()
    {
        _backend.Generator?.Dispose();
        _backend.Vectors?.Dispose();
        _store.Dispose();
    }
}
