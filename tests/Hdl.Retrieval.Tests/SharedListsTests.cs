using System.Text;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// A search asks the store for several lists at once (its granularity, all granularities for the graph seeds, modules
/// for the unit context) and walks the chunk graph from memory. Each batched answer must be exactly what the single
/// query answers: same chunks, same scores, same order, ties included.
/// </summary>
public sealed class SharedListsTests : IDisposable
{
    private const int Members = 12;
    private readonly RetrievalFixture _fixture = new(Design());

    public SharedListsTests() => _fixture.Index();

    public void Dispose() => _fixture.Dispose();

    /// <summary>
    /// Three identical copies of a FIFO (equal BM25 scores and vectors: ties at every depth), a hub unit with many
    /// members and a top that instantiates both.
    /// </summary>
    private static string Design()
    {
        var text = new StringBuilder();
        foreach (var copy in new[] { "a", "b", "c" })
        {
            text.Append($"//- /{copy}/fifo_{copy}.sv\n")
                .Append($"// Synchronous FIFO queue with a write pointer and a read pointer.\nmodule fifo_{copy} (input logic clk, input logic wr_en, output logic full);\n")
                .Append("  logic [3:0] wr_ptr; // write pointer\n  logic [3:0] rd_ptr; // read pointer\n")
                .Append("  always_ff @(posedge clk) begin : p_ptr\n    if (wr_en) wr_ptr <= wr_ptr + 1;\n  end\n")
                .Append("  assign full = (wr_ptr == rd_ptr);\nendmodule\n");
        }

        text.Append("//- /hub.sv\nmodule hub (input logic clk, output logic pointer_sum);\n");
        for (var member = 0; member < Members; member++)
        {
            text.Append($"  logic member_{member}; // queue pointer flag {member}\n");
        }

        text.Append("  assign pointer_sum = member_0 ^ member_1;\nendmodule\n")
            .Append("//- /top.sv\nmodule top (input logic clk);\n  logic full;\n  hub u_hub (.clk(clk), .pointer_sum());\n")
            .Append("  fifo_a u_fifo (.clk(clk), .wr_en(1'b1), .full(full));\nendmodule\n");
        return text.ToString();
    }

    private static readonly LexicalRequest[] Requests =
    [
        new(null, 3), new(Granularity.Module, 2), new(Granularity.Block, 1), new(Granularity.Signal, 2), new(Granularity.Signal, 50), new(null, 50), new(Granularity.Module, 0),
    ];

    [Theory]
    [InlineData("fifo write pointer")]
    [InlineData("queue pointer flag")]
    [InlineData("read pointer full")]
    [InlineData("nothing matches this")]
    public void One_lexical_query_gives_each_request_the_list_of_its_own_query(string query)
    {
        var terms = Text.TextAnalyzer.Default.AnalyzeQuery(query);
        var batched = _fixture.Store.SearchLexical(terms, Requests, LexicalOptions.Default);
        Assert.Equal(Requests.Length, batched.Length);
        for (var request = 0; request < Requests.Length; request++)
        {
            var single = _fixture.Store.SearchLexical(terms, Requests[request].Granularity, Requests[request].Top, LexicalOptions.Default);
            Assert.Equal(Render(single), Render(batched[request]));
        }
    }

    [Fact]
    public void Tied_copies_keep_the_row_order_sqlite_gives_them()
    {
        var terms = Text.TextAnalyzer.Default.AnalyzeQuery("synchronous fifo queue");
        var modules = _fixture.Store.SearchLexical(terms, [new LexicalRequest(Granularity.Module, 2), new LexicalRequest(null, 10)], LexicalOptions.Default)[0];
        var ids = _fixture.Store.ChunkIdsByRowId(modules.Select(row => row.RowId));
        Assert.Equal(["/a/fifo_a.sv#unit:fifo_a", "/b/fifo_b.sv#unit:fifo_b"], modules.Select(row => ids[row.RowId]).ToArray());
        Assert.Equal(modules[0].Score, modules[1].Score);
    }

    [Theory]
    [InlineData("fifo write pointer")]
    [InlineData("queue pointer flag")]
    public async Task One_vector_scan_gives_each_request_the_list_of_its_own_search(string query)
    {
        var embedding = (await _fixture.Backend.Generator!.GenerateAsync([query]))[0].Vector;
        VectorRequest[] requests = [.. Requests.Select(request => new VectorRequest(request.Granularity, request.Top))];
        var batched = _fixture.Vectors.SearchGranularities(embedding, requests);
        for (var request = 0; request < requests.Length; request++)
        {
            var options = new VectorSearchOptions<ChunkVectorRecord>();
            if (requests[request].Granularity is { } granularity)
            {
                var name = ChunkVectorRecord.GranularityName(granularity);
                options.Filter = record => record.Granularity == name;
            }

            var single = new List<(string, double)>();
            await foreach (var hit in _fixture.Vectors.SearchAsync(embedding, requests[request].Top, options))
            {
                single.Add((hit.Record.Id, hit.Score ?? 0));
            }

            Assert.Equal(single, batched[request]);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Edges_from_memory_are_the_per_node_queries_edges(int cap)
    {
        string[] chunks = ["/hub.sv#unit:hub", "/top.sv#unit:top", "/hub.sv#signal:member_3", "/a/fifo_a.sv#unit:fifo_a", "/nowhere.sv#unit:none"];
        string[] preferred = ["/hub.sv#signal:member_9", "/hub.sv#signal:member_10", "/a/fifo_a.sv#signal:wr_ptr"];
        var fromMemory = _fixture.Store.EdgesTouching(chunks, cap, preferred);
        Assert.Equal(PerNodeQueries(chunks, cap, preferred), Render(fromMemory));
        Assert.Contains(fromMemory, edge => edge.Target == "/hub.sv#signal:member_9");
    }

    [Fact]
    public void Edges_of_one_kind_from_memory_are_the_stored_ones()
    {
        string[] chunks = ["/top.sv#unit:top", "/hub.sv#unit:hub"];
        var fromMemory = _fixture.Store.EdgesFrom(chunks, ChunkEdgeKind.Instantiates);
        Assert.Equal(["/top.sv#unit:top -> /a/fifo_a.sv#unit:fifo_a Instantiates", "/top.sv#unit:top -> /hub.sv#unit:hub Instantiates"], Render(fromMemory));
        Assert.Equal(Query("SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE kind = 1 AND source IN ('/top.sv#unit:top', '/hub.sv#unit:hub')"), Render(fromMemory));
    }

    [Fact]
    public void The_adjacency_follows_updates_and_other_connections_writes()
    {
        Assert.DoesNotContain(_fixture.Store.EdgesTouching(["/top.sv#unit:top"], -1, []), edge => edge.Target == "/b/fifo_b.sv#unit:fifo_b");
        _fixture.Write("/top.sv", "module top (input logic clk);\n  fifo_b u_fifo (.clk(clk), .wr_en(1'b1), .full());\nendmodule\n");
        _fixture.Index();
        var edges = _fixture.Store.EdgesTouching(["/top.sv#unit:top"], -1, []);
        Assert.Contains(edges, edge => edge.Target == "/b/fifo_b.sv#unit:fifo_b" && edge.Kind == ChunkEdgeKind.Instantiates);
        Assert.DoesNotContain(edges, edge => edge.Target == "/hub.sv#unit:hub");

        using (var other = Connect())
        using (var insert = other.CreateCommand())
        {
            insert.CommandText = "INSERT INTO retrieval_edges(source, target, kind, source_path, target_path) VALUES ('/top.sv#unit:top', '/c/fifo_c.sv#unit:fifo_c', 1, '/top.sv', '/c/fifo_c.sv')";
            insert.ExecuteNonQuery();
        }

        Assert.Contains(_fixture.Store.EdgesFrom(["/top.sv#unit:top"], ChunkEdgeKind.Instantiates), edge => edge.Target == "/c/fifo_c.sv#unit:fifo_c");
    }

    /// <summary>What the walk read before the adjacency was in memory: two capped queries per chunk, then every edge between the chunks and the preferred ones.</summary>
    private List<string> PerNodeQueries(string[] chunks, int cap, string[] preferred)
    {
        var edges = new List<string>();
        foreach (var chunk in chunks)
        {
            edges.AddRange(Query($"SELECT * FROM (SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE source = '{chunk}' LIMIT {cap}) UNION ALL SELECT * FROM (SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE target = '{chunk}' LIMIT {cap})"));
        }

        var from = string.Join(',', chunks.Select(chunk => $"'{chunk}'"));
        var to = string.Join(',', preferred.Select(chunk => $"'{chunk}'"));
        edges.AddRange(Query($"SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE (source IN ({from}) AND target IN ({to})) OR (target IN ({from}) AND source IN ({to}))"));
        return [.. edges.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private List<string> Query(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var edges = new List<ChunkEdge>();
        while (reader.Read())
        {
            edges.Add(new ChunkEdge(reader.GetString(0), reader.GetString(1), (ChunkEdgeKind)reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }

        return Render(edges);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _fixture.Store.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Render(IEnumerable<ChunkEdge> edges) =>
        [.. edges.Select(edge => $"{edge.Source} -> {edge.Target} {edge.Kind}").Order(StringComparer.Ordinal)];

    private static List<string> Render(IEnumerable<(long RowId, double Score)> rows) =>
        [.. rows.Select(row => $"{row.RowId} {BitConverter.DoubleToInt64Bits(row.Score):x}")];
}
