using System.Collections.Immutable;
using System.Diagnostics;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Graph;
using SharedSession = Hdl.Retrieval.Sessions.RetrievalSession;

// Console output of a command-line run is line-sized and synchronous by nature; awaiting each write gains nothing.
#pragma warning disable VSTHRD103

namespace Hdl.Cli;

/// <summary>
/// The retrieval index of a command-line run, brought up to date before use: files are hashed, and only when some
/// file changed (or the provider did) is the workspace analysed and the shared <see cref="SharedSession"/> updated.
/// A search over an unchanged workspace reads only the index.
/// </summary>
internal sealed class RetrievalSession : IDisposable
{
    private readonly SharedSession _session;

    private RetrievalSession(SharedSession session, RetrievalIndexUpdate update, TimeSpan analysisTime, TimeSpan updateTime)
    {
        _session = session;
        Update = update;
        AnalysisTime = analysisTime;
        UpdateTime = updateTime;
    }

    public RetrievalIndexUpdate Update { get; }

    /// <summary>Time spent analysing the workspace (parsing, design models, graph) because files changed.</summary>
    public TimeSpan AnalysisTime { get; }

    /// <summary>Time spent on the retrieval index itself: hashing, chunking, embedding, writing.</summary>
    public TimeSpan UpdateTime { get; }

    /// <summary>One line for stderr describing the update, or null when nothing changed.</summary>
    public string? UpdateSummary => Update.FilesUpdated == 0 && Update.FilesRemoved == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"retrieval index: {Update.FilesUpdated} files updated, {Update.FilesRemoved} removed, {Update.ChunksWritten} chunks and {Update.EdgesWritten} edges written, {Update.TotalChunks} chunks in all; workspace analysis {AnalysisTime.TotalSeconds:0.00} s, retrieval index {UpdateTime.TotalSeconds:0.00} s ({string.Join(", ", Update.Phases.Select(phase => $"{phase.Phase} {phase.Elapsed.TotalSeconds:0.00} s"))})");

    /// <summary>One line for stderr on the in-memory BM25 index: its size and how long reading it took.</summary>
    public string LexicalIndexSummary()
    {
        var size = _session.LexicalIndexSize();
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"lexical index in memory: {size.Chunks} chunks, {size.Terms} terms, {size.Postings} postings, {size.Bytes / (1024.0 * 1024.0):0.0} MiB, read in {size.LoadTime.TotalMilliseconds:0} ms");
    }

    /// <summary>One line for stderr on the 8-bit vector scan: lists served and how many took the second pass; null on another store.</summary>
    public string? VectorScanSummary() => _session.QuantizedScanCounts() is { } counts
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"vector scan: {counts.Lists} lists from the 8-bit copy, {counts.SecondPasses} needed a second pass to be exact")
        : null;

    public Task<ImmutableArray<SearchHit>> SearchAsync(string query, SearchOptions options, CancellationToken cancellationToken) =>
        _session.SearchAsync(query, options, cancellationToken);

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
        var (session, problem) = SharedSession.Open(databasePath, backendOptions, RetrievalIndexOptions.Default with { MaxDegreeOfParallelism = Environment.ProcessorCount });
        if (session is null)
        {
            problems.Add(problem!);
            return (null, problems);
        }

        var stopwatch = Stopwatch.StartNew();
        var reader = new DiskSourceFileReader();
        var (changed, removed) = session.Differences(SharedSession.HashFiles(gathered.Files, reader, cancellationToken));
        var update = new RetrievalIndexUpdate(0, 0, 0, 0, session.ChunkCount(), false);
        var analysisTime = TimeSpan.Zero;
        if (!changed.IsEmpty || !removed.IsEmpty)
        {
            var analysisStart = stopwatch.Elapsed;
            var index = WorkspaceArguments.BuildIndex(gathered, showProgress);
            var graph = RepositoryGraph.Build(index, cancellationToken);
            analysisTime = stopwatch.Elapsed - analysisStart;
            var progress = showProgress && !Console.IsErrorRedirected ? new Progress<(int Done, int Total)>(value => Console.Error.Write($"\rembedding {value.Done}/{value.Total} chunks")) : null;
            update = await session.UpdateAsync(index, graph, reader, progress, cancellationToken).ConfigureAwait(false);
            if (progress is not null)
            {
                Console.Error.Write("\r\u001b[K");
            }
        }

        return (new RetrievalSession(session, update, analysisTime, stopwatch.Elapsed - analysisTime), problems);
    }

    public void Dispose() => _session.Dispose();
}
