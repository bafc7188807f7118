using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Storage.Qdrant;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Tests.Qdrant;

/// <summary>Runs only when <c>QDRANT_URL</c> names a server (e.g. http://localhost:6333); the one allowed skip.</summary>
public sealed class QdrantLiveFactAttribute : FactAttribute
{
    public QdrantLiveFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("QDRANT_URL")))
        {
            Skip = "QDRANT_URL is not set: no Qdrant server to test against";
        }
    }
}

public class QdrantLiveTests
{
    [QdrantLiveFact]
    public async Task A_real_server_stores_searches_filters_and_deletes_chunks()
    {
        var options = new QdrantOptions(new Uri(Environment.GetEnvironmentVariable("QDRANT_URL")!), $"hdl_test_{Guid.NewGuid():N}", 4)
        {
            ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY"),
        };
        using var collection = new QdrantChunkCollection(options);
        try
        {
            Assert.False(await collection.CollectionExistsAsync());
            await collection.EnsureCollectionExistsAsync();
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(
            [
                new() { Id = "rtl/uart.sv#tx", Path = "rtl/uart.sv", Granularity = "block", Vector = new float[] { 1, 0, 0, 0 } },
                new() { Id = "rtl/uart.sv#baud_cnt", Path = "rtl/uart.sv", Granularity = "signal", Vector = new float[] { 0.9f, 0.1f, 0, 0 } },
                new() { Id = "rtl/top.sv#top", Path = "rtl/top.sv", Granularity = "module", Vector = new float[] { 0, 1, 0, 0 } },
            ]);

            var blocks = await SearchAsync(collection, new() { Filter = record => record.Granularity == "block" || record.Granularity == "signal" });
            Assert.Equal(["rtl/uart.sv#tx", "rtl/uart.sv#baud_cnt"], blocks.Select(hit => hit.Record.Id));
            Assert.Equal(1.0, blocks[0].Score!.Value, precision: 4);

            var read = await collection.GetAsync("rtl/top.sv#top", new RecordRetrievalOptions { IncludeVectors = true });
            Assert.Equal([0f, 1, 0, 0], read!.Vector.ToArray());
            Assert.Equal("module", read.Granularity);

            await collection.DeleteFileAsync("rtl/uart.sv");
            Assert.Equal(["rtl/top.sv#top"], (await SearchAsync(collection, new())).Select(hit => hit.Record.Id));
        }
        finally
        {
            await collection.EnsureCollectionDeletedAsync();
        }
    }

    private static async Task<List<VectorSearchResult<ChunkVectorRecord>>> SearchAsync(QdrantChunkCollection collection, VectorSearchOptions<ChunkVectorRecord> options)
    {
        List<VectorSearchResult<ChunkVectorRecord>> hits = [];
        await foreach (var hit in collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 10, options))
        {
            hits.Add(hit);
        }

        return hits;
    }
}
