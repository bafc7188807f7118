using Hdl.Retrieval.Storage;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Tests;

/// <summary>The embedded vector store through the VectorData contract: upsert, get, delete, exact filtered search.</summary>
public sealed class VectorStoreTests : IDisposable
{
    private readonly RetrievalFixture _fixture = new("//- /empty.sv\n");

    public VectorStoreTests() => _fixture.Vectors.EnsureCollectionExistsAsync().GetAwaiter().GetResult();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Search_returns_the_nearest_vectors_best_first_with_cosine_scores()
    {
        await _fixture.Vectors.UpsertAsync([Record("x", "block", 1, 0, 0), Record("xy", "block", 1, 1, 0), Record("y", "signal", 0, 1, 0)]);
        var results = await SearchAsync([1, 0.1f, 0], 3, null);
        Assert.Equal(["x", "xy", "y"], results.Select(result => result.Record.Id).ToArray());
        Assert.Equal(1 / Math.Sqrt(1.01), results[0].Score!.Value, 4);
    }

    [Fact]
    public async Task Search_filters_by_granularity()
    {
        await _fixture.Vectors.UpsertAsync([Record("x", "block", 1, 0, 0), Record("y", "signal", 0.9f, 0.1f, 0)]);
        var results = await SearchAsync([1, 0, 0], 5, record => record.Granularity == "signal");
        Assert.Equal("y", Assert.Single(results).Record.Id);
    }

    [Fact]
    public async Task Upsert_replaces_and_delete_removes()
    {
        await _fixture.Vectors.UpsertAsync(Record("x", "block", 1, 0, 0));
        await _fixture.Vectors.UpsertAsync(Record("x", "signal", 0, 1, 0));
        var stored = await _fixture.Vectors.GetAsync("x");
        Assert.Equal("signal", stored!.Granularity);
        await _fixture.Vectors.DeleteAsync("x");
        Assert.Null(await _fixture.Vectors.GetAsync("x"));
        Assert.Empty(await SearchAsync([0, 1, 0], 5, null));
    }

    [Fact]
    public async Task Delete_by_path_removes_one_files_vectors()
    {
        await _fixture.Vectors.UpsertAsync([Record("a1", "block", 1, 0, 0, "/a.sv"), Record("b1", "block", 1, 0, 0, "/b.sv")]);
        await _fixture.Vectors.DeleteByPathAsync(["/a.sv"]);
        Assert.Equal(["b1"], (await SearchAsync([1, 0, 0], 5, null)).Select(result => result.Record.Id).ToArray());
    }

    /// <summary>
    /// A store large enough for the scan to be split across cores (40,000 vectors, only 12 distinct directions, so
    /// nearly every score is tied many times over): each list is the brute-force ranking, best score first and equal
    /// scores in store order, whatever the split.
    /// </summary>
    [Fact]
    public async Task A_scan_split_across_cores_ranks_as_one_pass_with_ties_in_store_order()
    {
        var granularities = new[] { "module", "block", "signal" };
        var records = Enumerable.Range(0, 40_000)
            .Select(i => Record($"c{i:D5}", granularities[i % 3], 1 + (i % 4), i % 3, (i * 7) % 5))
            .ToList();
        await _fixture.Vectors.UpsertAsync(records);
        var query = Normalize([2, 1, 1]);
        VectorRequest[] requests = [new(null, 25), new(Chunking.Granularity.Signal, 40), new(Chunking.Granularity.Module, 7), new(Chunking.Granularity.Block, 0)];

        var lists = _fixture.Vectors.SearchGranularities(query, requests);

        var scored = records.Select(record => (record.Id, record.Granularity, Score: (double)System.Numerics.Tensors.TensorPrimitives.Dot<float>(query, record.Vector.Span))).ToList();
        for (var request = 0; request < requests.Length; request++)
        {
            var wanted = requests[request].Granularity is { } granularity ? ChunkVectorRecord.GranularityName(granularity) : null;
            var expected = scored.Where(item => wanted is null || item.Granularity == wanted)
                .OrderByDescending(item => item.Score).ThenBy(item => item.Id, StringComparer.Ordinal)
                .Take(requests[request].Top).Select(item => (item.Id, item.Score)).ToList();
            Assert.Equal(expected, lists[request]);
        }
    }

    private async Task<List<VectorSearchResult<ChunkVectorRecord>>> SearchAsync(float[] query, int top, System.Linq.Expressions.Expression<Func<ChunkVectorRecord, bool>>? filter)
    {
        var results = new List<VectorSearchResult<ChunkVectorRecord>>();
        await foreach (var result in _fixture.Vectors.SearchAsync(new ReadOnlyMemory<float>(Normalize(query)), top, new VectorSearchOptions<ChunkVectorRecord> { Filter = filter }))
        {
            results.Add(result);
        }

        return results;
    }

    private static ChunkVectorRecord Record(string id, string granularity, float x, float y, float z, string path = "/f.sv") =>
        new() { Id = id, Path = path, Granularity = granularity, Vector = Normalize([x, y, z]) };

    private static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }
}
