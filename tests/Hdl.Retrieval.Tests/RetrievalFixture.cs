using System.Collections.Immutable;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Hdl.Workspace.Graph;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// A multi-file HDL fixture (`//- /path` starts a file) served from memory, indexed into a retrieval database in a
/// temporary folder. Tests edit files and re-index to see what an update touches.
/// </summary>
internal sealed class RetrievalFixture : IDisposable
{
    private readonly MemoryWorkspace _workspace;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hdl-retrieval-tests", Guid.NewGuid().ToString("N"));

    public RetrievalFixture(string fixture, RetrievalBackendOptions? backend = null)
    {
        _workspace = new MemoryWorkspace(fixture);
        Store = SqliteRetrievalStore.Open(Path.Combine(_folder, "index.db"));
        Backend = RetrievalBackends.Create(backend ?? RetrievalBackendOptions.Default, Store, TextAnalyzer.Default);
    }

    public SqliteRetrievalStore Store { get; }

    public RetrievalBackend Backend { get; private set; }

    public SqliteVectorCollection Vectors => (SqliteVectorCollection)Backend.Vectors!;

    public RetrievalSearcher Searcher => new(Store, Backend.Vectors!, Backend.Generator!, TextAnalyzer.Default);

    public void Write(string path, string text) => _workspace.Write(path, text);

    public void Delete(string path) => _workspace.Delete(path);

    /// <summary>Swaps the embedding provider (to check that a change re-embeds).</summary>
    public void UseBackend(RetrievalBackendOptions options) => Backend = RetrievalBackends.Create(options, Store, TextAnalyzer.Default);

    public RetrievalIndexUpdate Index(RetrievalIndexOptions? options = null)
    {
        var index = _workspace.BuildIndex(WorkspaceIndexOptions.Default);
        var graph = RepositoryGraph.Build(index, CancellationToken.None);
        var indexer = new RetrievalIndexer(Store, Backend.Vectors!, Backend.Generator!, TextAnalyzer.Default, options ?? RetrievalIndexOptions.Default);
        return indexer.UpdateAsync(index, graph, _workspace, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Results rendered one per line as `unit > name (kind)`, best first.</summary>
    public string Search(string query, SearchMode mode, Hdl.Retrieval.Chunking.Granularity? granularity = null, int top = 5)
    {
        var hits = Hits(query, mode, granularity, top);
        return string.Join('\n', hits.Select(hit => $"{hit.Chunk.Context} ({hit.Chunk.Kind.ToString().ToLowerInvariant()})"));
    }

    public ImmutableArray<SearchHit> Hits(string query, SearchMode mode, Hdl.Retrieval.Chunking.Granularity? granularity = null, int top = 5) =>
        Searcher.SearchAsync(query, SearchOptions.Default with { Mode = mode, Granularity = granularity, Top = top }, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
        Backend.Vectors?.Dispose();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
