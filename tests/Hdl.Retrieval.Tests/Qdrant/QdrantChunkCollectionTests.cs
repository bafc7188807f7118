using System.Linq.Expressions;
using Hdl.Retrieval.Http;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Storage.Qdrant;
using Hdl.Retrieval.Tests.Http;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Tests.Qdrant;

/// <summary>
/// Our requests (method, path, JSON body) and our reading of Qdrant's answers, checked against the request and
/// response shapes of Qdrant's REST API reference (collections, points, points/query, points/scroll, points/delete).
/// </summary>
public class QdrantChunkCollectionTests
{
    private const string Ok = """{"result":{"operation_id":1,"status":"completed"},"status":"ok","time":0.0011}""";

    private static ChunkVectorRecord UartTx => Record("rtl/uart.sv#tx", "rtl/uart.sv", "block", 0.5f, -0.25f, 0, 1);

    private static ChunkVectorRecord UartBaud => Record("rtl/uart.sv#baud_cnt", "rtl/uart.sv", "signal", 0.125f, 0.75f, 0.5f, 0);

    private static ChunkVectorRecord Top => Record("rtl/top.sv#top", "rtl/top.sv", "module", 1, 0, 0, 0);

    [Fact]
    public async Task A_missing_collection_is_created_with_size_and_cosine_distance_and_its_filter_fields_indexed()
    {
        await CheckAsync(
            collection => collection.EnsureCollectionExistsAsync(),
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(200, """{"result":{"exists":false},"status":"ok","time":0.0000048}"""),
            Exchange.Expect("PUT", "/collections/chunks", """{"vectors":{"size":4,"distance":"Cosine"}}""")
                .Reply(200, """{"result":true,"status":"ok","time":0.031095451}"""),
            Exchange.Expect("PUT", "/collections/chunks/index?wait=true", """{"field_name":"file","field_schema":"keyword"}""").Reply(200, Ok),
            Exchange.Expect("PUT", "/collections/chunks/index?wait=true", """{"field_name":"granularity","field_schema":"keyword"}""").Reply(200, Ok),
            Exchange.Expect("PUT", "/collections/chunks/index?wait=true", """{"field_name":"chunk_id","field_schema":"keyword"}""").Reply(200, Ok));
    }

    [Fact]
    public async Task An_existing_collection_with_the_same_layout_is_kept()
    {
        await CheckAsync(
            collection => collection.EnsureCollectionExistsAsync(),
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(200, """{"result":{"exists":true},"status":"ok","time":0.0000048}"""),
            Exchange.Expect("GET", "/collections/chunks").Reply(200, CollectionInfo(size: 4, distance: "Cosine")));
    }

    [Fact]
    public async Task An_existing_collection_of_another_embedding_size_is_reported_not_reused()
    {
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => CheckAsync(
            collection => collection.EnsureCollectionExistsAsync(),
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(200, """{"result":{"exists":true},"status":"ok","time":0.0000048}"""),
            Exchange.Expect("GET", "/collections/chunks").Reply(200, CollectionInfo(size: 384, distance: "Cosine"))));

        Assert.Equal(
            "Qdrant EnsureCollectionExists on collection 'chunks' failed: the collection holds 384-dimensional vectors with Cosine distance, " +
            "but the embedding provider needs 4 with Cosine; delete the collection or choose another collection name to re-embed.",
            error.Message);
        Assert.Equal("chunks", error.CollectionName);
    }

    [Fact]
    public async Task Upserts_are_batched_and_carry_the_chunk_payload()
    {
        await CheckAsync(
            collection => collection.UpsertAsync([UartTx, UartBaud, Top]),
            Exchange.Expect("PUT", "/collections/chunks/points?wait=true", $$$"""
                {"points":[
                  {"id":"{{{QdrantPayload.PointId("rtl/uart.sv#tx")}}}","vector":[0.5,-0.25,0,1],
                   "payload":{"chunk_id":"rtl/uart.sv#tx","file":"rtl/uart.sv","granularity":"block"}},
                  {"id":"{{{QdrantPayload.PointId("rtl/uart.sv#baud_cnt")}}}","vector":[0.125,0.75,0.5,0],
                   "payload":{"chunk_id":"rtl/uart.sv#baud_cnt","file":"rtl/uart.sv","granularity":"signal"}}]}
                """).Reply(200, Ok),
            Exchange.Expect("PUT", "/collections/chunks/points?wait=true", $$$"""
                {"points":[
                  {"id":"{{{QdrantPayload.PointId("rtl/top.sv#top")}}}","vector":[1,0,0,0],
                   "payload":{"chunk_id":"rtl/top.sv#top","file":"rtl/top.sv","granularity":"module"}}]}
                """).Reply(200, Ok));
    }

    [Fact]
    public async Task A_vector_of_the_wrong_size_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => CheckAsync(
            collection => collection.UpsertAsync(Record("rtl/uart.sv#tx", "rtl/uart.sv", "block", 1, 2, 3))));

        Assert.Contains("chunk 'rtl/uart.sv#tx' has a vector of 3 dimensions; the collection holds 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_sends_the_query_vector_and_payload_filter_and_reads_hits_with_scores()
    {
        const string file = "rtl/uart.sv";
        List<VectorSearchResult<ChunkVectorRecord>> hits = [];
        await CheckAsync(
            async collection =>
            {
                var options = new VectorSearchOptions<ChunkVectorRecord> { Filter = record => record.Granularity == "block" && record.Path == file };
                await foreach (var hit in collection.SearchAsync(new float[] { 0.5f, 0, 0, 0.5f }, 2, options))
                {
                    hits.Add(hit);
                }
            },
            Exchange.Expect("POST", "/collections/chunks/points/query", """
                {"query":[0.5,0,0,0.5],"limit":2,
                 "filter":{"must":[{"key":"granularity","match":{"value":"block"}},{"key":"file","match":{"value":"rtl/uart.sv"}}]},
                 "with_payload":true,"with_vector":false}
                """).Reply(200, $$$"""
                {"result":{"points":[
                  {"id":"{{{QdrantPayload.PointId("rtl/uart.sv#tx")}}}","version":3,"score":0.87,
                   "payload":{"chunk_id":"rtl/uart.sv#tx","file":"rtl/uart.sv","granularity":"block"}}]},
                 "status":"ok","time":0.002}
                """));

        var hit = Assert.Single(hits);
        Assert.Equal(0.87, hit.Score);
        Assert.Equal("rtl/uart.sv#tx rtl/uart.sv block []", Describe(hit.Record));
    }

    [Fact]
    public async Task Search_pages_with_offset_and_cuts_with_a_score_threshold()
    {
        await CheckAsync(
            async collection =>
            {
                var options = new VectorSearchOptions<ChunkVectorRecord> { Skip = 10, ScoreThreshold = 0.25, IncludeVectors = true };
                await foreach (var _ in collection.SearchAsync(new ReadOnlyMemory<float>([1, 0, 0, 0]), 5, options))
                {
                }
            },
            Exchange.Expect("POST", "/collections/chunks/points/query", """
                {"query":[1,0,0,0],"limit":5,"offset":10,"with_payload":true,"with_vector":true,"score_threshold":0.25}
                """).Reply(200, """{"result":{"points":[]},"status":"ok","time":0.001}"""));
    }

    [Fact]
    public async Task Deleting_a_file_deletes_its_points_by_payload_filter()
    {
        await CheckAsync(
            collection => collection.DeleteFileAsync("rtl/uart.sv"),
            Exchange.Expect("POST", "/collections/chunks/points/delete?wait=true", """
                {"filter":{"must":[{"key":"file","match":{"value":"rtl/uart.sv"}}]}}
                """).Reply(200, Ok));
    }

    [Fact]
    public async Task Records_are_read_back_by_chunk_id_with_their_vectors()
    {
        List<ChunkVectorRecord> records = [];
        await CheckAsync(
            async collection =>
            {
                await foreach (var record in collection.GetAsync(["rtl/uart.sv#baud_cnt"], new RecordRetrievalOptions { IncludeVectors = true }))
                {
                    records.Add(record);
                }
            },
            Exchange.Expect("POST", "/collections/chunks/points", $$$"""
                {"ids":["{{{QdrantPayload.PointId("rtl/uart.sv#baud_cnt")}}}"],"with_payload":true,"with_vector":true}
                """).Reply(200, $$$"""
                {"result":[{"id":"{{{QdrantPayload.PointId("rtl/uart.sv#baud_cnt")}}}",
                  "payload":{"chunk_id":"rtl/uart.sv#baud_cnt","file":"rtl/uart.sv","granularity":"signal"},
                  "vector":[0.125,0.75,0.5,0]}],"status":"ok","time":0.0001}
                """));

        var read = Assert.Single(records);
        Assert.Equal("rtl/uart.sv#baud_cnt rtl/uart.sv signal [0.125, 0.75, 0.5, 0]", Describe(read));
    }

    [Fact]
    public async Task Filtered_reads_scroll_until_enough_records_are_seen()
    {
        var pointId = QdrantPayload.PointId("rtl/top.sv#top");
        List<ChunkVectorRecord> records = [];
        await CheckAsync(
            async collection =>
            {
                await foreach (var record in collection.GetAsync(record => record.Granularity == "module", 2))
                {
                    records.Add(record);
                }
            },
            Exchange.Expect("POST", "/collections/chunks/points/scroll", """
                {"filter":{"must":[{"key":"granularity","match":{"value":"module"}}]},"limit":2,"with_payload":true,"with_vector":false}
                """).Reply(200, $$$"""
                {"result":{"points":[{"id":"{{{pointId}}}","payload":{"chunk_id":"rtl/top.sv#top","file":"rtl/top.sv","granularity":"module"}}],
                 "next_page_offset":"{{{pointId}}}"},"status":"ok","time":0.0001}
                """),
            Exchange.Expect("POST", "/collections/chunks/points/scroll", $$$"""
                {"filter":{"must":[{"key":"granularity","match":{"value":"module"}}]},"limit":1,"with_payload":true,"with_vector":false,"offset":"{{{pointId}}}"}
                """).Reply(200, """{"result":{"points":[],"next_page_offset":null},"status":"ok","time":0.0001}"""));

        Assert.Equal(["rtl/top.sv#top"], records.Select(record => record.Id));
    }

    [Fact]
    public async Task Qdrants_error_message_status_and_collection_are_in_the_exception_and_a_404_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => CheckAsync(
            collection => collection.DeleteAsync("rtl/top.sv#top"),
            Exchange.Expect("POST", "/collections/chunks/points/delete?wait=true", $$$"""{"points":["{{{QdrantPayload.PointId("rtl/top.sv#top")}}}"]}""")
                .Reply(404, """{"status":{"error":"Not found: Collection `chunks` doesn't exist!"},"time":0.000025}""")));

        Assert.Equal("Qdrant Delete on collection 'chunks' failed: HTTP 404 Not Found: Not found: Collection `chunks` doesn't exist!", error.Message);
        Assert.Equal("Delete", error.OperationName);
        Assert.Equal("qdrant", error.VectorStoreSystemName);
    }

    [Fact]
    public async Task An_overloaded_server_is_retried_then_its_last_answer_reported()
    {
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => CheckAsync(
            collection => collection.CollectionExistsAsync(),
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(503, "upstream connect error"),
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(503, "upstream connect error")));

        Assert.Equal("Qdrant CollectionExists on collection 'chunks' failed: HTTP 503 Service Unavailable: upstream connect error", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_vector_store_error_naming_the_endpoint()
    {
        var error = await Assert.ThrowsAsync<VectorStoreException>(() => CheckAsync(
            collection => collection.CollectionExistsAsync(),
            Exchange.Expect("GET", "/collections/chunks/exists").Fail(new HttpRequestException("Connection refused")),
            Exchange.Expect("GET", "/collections/chunks/exists").Fail(new HttpRequestException("Connection refused"))));

        Assert.Equal("Qdrant CollectionExists on collection 'chunks' failed: no answer from http://qdrant.test:6333/: Connection refused", error.Message);
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_header_and_never_printed()
    {
        var options = Options with { ApiKey = "secret-key" };
        var server = new ScriptedHttpHandler(
            Exchange.Expect("GET", "/collections/chunks/exists").Reply(200, """{"result":{"exists":true},"status":"ok","time":0.0000048}"""));
        using var collection = new QdrantChunkCollection(options, null, server, server.RecordDelayAsync);

        Assert.True(await collection.CollectionExistsAsync());

        Assert.Equal(["secret-key"], server.Requests[0].Headers.GetValues("api-key"));
        Assert.DoesNotContain("secret-key", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_names_the_system_and_collection()
    {
        using var collection = new QdrantChunkCollection(Options);
        var metadata = (VectorStoreCollectionMetadata?)collection.GetService(typeof(VectorStoreCollectionMetadata));

        Assert.Equal("qdrant", metadata?.VectorStoreSystemName);
        Assert.Equal("chunks", metadata?.CollectionName);
        await Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filters_translate_to_qdrant_payload_conditions(Expression<Func<ChunkVectorRecord, bool>> filter, string expectedJson)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            QdrantFilterTranslator.Translate(filter).Write(writer);
        }

        Assert.Equal(ScriptedHttpHandler.NormalizeJson(expectedJson), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public static TheoryData<Expression<Func<ChunkVectorRecord, bool>>, string> Filters()
    {
        string[] files = ["a.sv", "b.vhd"];
        return new()
        {
            { record => record.Granularity == "signal", """{"must":[{"key":"granularity","match":{"value":"signal"}}]}""" },
            { record => "module" == record.Granularity, """{"must":[{"key":"granularity","match":{"value":"module"}}]}""" },
            { record => record.Granularity != "block", """{"must_not":[{"key":"granularity","match":{"value":"block"}}]}""" },
            { record => files.Contains(record.Path), """{"must":[{"key":"file","match":{"any":["a.sv","b.vhd"]}}]}""" },
            {
                record => record.Granularity == "block" && (record.Path == "a.sv" || record.Path == "b.vhd"),
                """{"must":[{"must":[{"key":"granularity","match":{"value":"block"}}]},{"should":[{"must":[{"key":"file","match":{"value":"a.sv"}}]},{"must":[{"key":"file","match":{"value":"b.vhd"}}]}]}]}"""
            },
            { record => !(record.Id == null), """{"must_not":[{"must":[{"is_null":{"key":"chunk_id"}}]}]}""" },
        };
    }

    [Fact]
    public void A_filter_the_store_cannot_express_is_refused_not_dropped()
    {
        var error = Assert.Throws<NotSupportedException>(() => QdrantFilterTranslator.Translate(record => record.Path.Length > 3));

        Assert.StartsWith("Qdrant filters support ==, !=, &&, ||, ! and list.Contains(record.Field)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Point_ids_are_stable_version_8_uuids_of_the_chunk_id()
    {
        var id = QdrantPayload.PointId("rtl/uart.sv#tx");

        Assert.Equal(id, QdrantPayload.PointId("rtl/uart.sv#tx"));
        Assert.NotEqual(id, QdrantPayload.PointId("rtl/uart.sv#rx"));
        Assert.Equal('8', id.ToString()[14]);
    }

    private static ChunkVectorRecord Record(string id, string path, string granularity, params float[] vector) =>
        new() { Id = id, Path = path, Granularity = granularity, Vector = vector };

    private static string Describe(ChunkVectorRecord record) =>
        $"{record.Id} {record.Path} {record.Granularity} [{string.Join(", ", record.Vector.ToArray())}]";

    private static readonly QdrantOptions Options = new(new Uri("http://qdrant.test:6333"), "chunks", 4)
    {
        UpsertBatchSize = 2,
        Retry = new HttpRetryOptions { MaxAttempts = 2 },
    };

    /// <summary>Runs <paramref name="action"/> against a fake Qdrant that expects exactly <paramref name="script"/>.</summary>
    private static async Task CheckAsync(Func<QdrantChunkCollection, Task> action, params Exchange[] script)
    {
        var server = new ScriptedHttpHandler(script);
        using var collection = new QdrantChunkCollection(Options, null, server, server.RecordDelayAsync);
        await action(collection);
        Assert.True(server.Finished, "the script has exchanges left over");
    }

    private static string CollectionInfo(int size, string distance) => $$$"""
        {"result":{"status":"green","optimizer_status":"ok","indexed_vectors_count":0,"points_count":0,"segments_count":2,
          "config":{"params":{"vectors":{"size":{{{size}}},"distance":"{{{distance}}}"},"shard_number":1,"replication_factor":1,"write_consistency_factor":1,"on_disk_payload":true},
            "hnsw_config":{"m":16,"ef_construct":100,"full_scan_threshold":10000,"max_indexing_threads":0,"on_disk":false},
            "optimizer_config":{"deleted_threshold":0.2,"vacuum_min_vector_number":1000,"default_segment_number":0,"indexing_threshold":20000,"flush_interval_sec":5},
            "wal_config":{"wal_capacity_mb":32,"wal_segments_ahead":0}},
          "payload_schema":{}},"status":"ok","time":0.00012}
        """;
}
