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

    /// <summary>
    /// The 8-bit scan re-scored in float answers the exact ranking: 40,000 vectors of 64 dimensions, half of them
    /// random and half in 20 tight clusters (near-duplicates far closer than the 8-bit rounding), queried with random
    /// vectors and with cluster centres, at several depths. Every list equals the brute-force float ranking and the
    /// unquantized scan, ids and scores; the cluster queries are near-ties over more vectors than the candidate lists
    /// hold, so some lists must have taken the second pass.
    /// </summary>
    [Fact]
    public async Task A_quantized_scan_ranks_exactly_as_the_float_scan_on_random_and_clustered_vectors()
    {
        var random = new Random(5);
        const int Dimensions = 64;
        var granularities = new[] { "module", "block", "signal" };
        var centres = Enumerable.Range(0, 20).Select(_ => Gaussian(random, Dimensions, 1)).ToArray();
        var records = Enumerable.Range(0, 40_000).Select(i =>
        {
            var vector = i % 2 == 0
                ? Gaussian(random, Dimensions, 1)
                : [.. centres[i % 20].Zip(Gaussian(random, Dimensions, (i % 4 == 1) ? 1e-2f : 1e-5f), (centre, noise) => centre + noise)];
            return new ChunkVectorRecord { Id = $"c{i:D5}", Path = "/f.sv", Granularity = granularities[i % 3], Vector = Normalize(vector) };
        }).ToList();
        await _fixture.Vectors.UpsertAsync(records);
        using var floatScan = new SqliteVectorCollection(_fixture.Store, scanOptions: new VectorScanOptions { Quantize = false });
        VectorRequest[] requests = [new(null, 25), new(Chunking.Granularity.Signal, 40), new(Chunking.Granularity.Module, 7), new(Chunking.Granularity.Block, 100)];
        var queries = Enumerable.Range(0, 12).Select(_ => Normalize(Gaussian(random, Dimensions, 1)))
            .Concat(centres.Take(12).Select(centre => Normalize([.. centre.Zip(Gaussian(random, Dimensions, 1e-3f), (c, n) => c + n)])));

        foreach (var query in queries)
        {
            var lists = _fixture.Vectors.SearchGranularities(query, requests);
            Assert.Equal(BruteForce(records, query, requests), lists.Select(list => list.ToList()).ToList());
            Assert.Equal(floatScan.SearchGranularities(query, requests).Select(list => list.ToList()), lists.Select(list => list.ToList()));
        }

        Assert.InRange(_fixture.Vectors.QuantizedFallbacks, 1, 24 * requests.Length);
    }

    /// <summary>Exact ties over thousands of vectors (the 12-direction store) cannot be settled by 8-bit scores; the second pass settles them in store order.</summary>
    [Fact]
    public async Task Ties_wider_than_the_candidate_lists_are_settled_exactly_in_store_order()
    {
        var records = Enumerable.Range(0, 3_000).Select(i => Record($"c{i:D5}", "block", 1 + (i % 2), 1, 0)).ToList();
        await _fixture.Vectors.UpsertAsync(records);
        var query = Normalize([1, 1, 0]);
        VectorRequest[] requests = [new(null, 10), new(Chunking.Granularity.Block, 300)];

        var lists = _fixture.Vectors.SearchGranularities(query, requests);

        Assert.Equal(BruteForce(records, query, requests), lists.Select(list => list.ToList()).ToList());
        Assert.Equal(["c00000", "c00002", "c00004"], lists[0].Take(3).Select(hit => hit.Id).ToArray());
        Assert.Equal(2, _fixture.Vectors.QuantizedFallbacks);
    }

    /// <summary>The integer kernel equals the plain sum at the extremes of the codes, for lengths around the SIMD width.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(256)]
    [InlineData(300)]
    public void The_integer_dot_product_is_exact(int length)
    {
        var random = new Random(length);
        var query = Enumerable.Range(0, length).Select(i => (short)(i % 5 == 0 ? -127 : random.Next(-127, 128))).ToArray();
        var row = Enumerable.Range(0, length).Select(i => (sbyte)(i % 5 == 0 ? -127 : random.Next(-127, 128))).ToArray();
        Assert.Equal(query.Zip(row, (q, r) => q * r).Sum(), QuantizedVectors.IntegerDot(query, row));
    }

    private static List<List<(string Id, double Score)>> BruteForce(List<ChunkVectorRecord> records, float[] query, VectorRequest[] requests)
    {
        var scored = records.Select(record => (record.Id, record.Granularity, Score: (double)System.Numerics.Tensors.TensorPrimitives.Dot<float>(query, record.Vector.Span))).ToList();
        return [.. requests.Select(request =>
        {
            var wanted = request.Granularity is { } granularity ? ChunkVectorRecord.GranularityName(granularity) : null;
            return scored.Where(item => wanted is null || item.Granularity == wanted)
                .OrderByDescending(item => item.Score).ThenBy(item => item.Id, StringComparer.Ordinal)
                .Take(request.Top).Select(item => (item.Id, item.Score)).ToList();
        })];
    }

    private static float[] Gaussian(Random random, int dimensions, float deviation) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => deviation * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

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
