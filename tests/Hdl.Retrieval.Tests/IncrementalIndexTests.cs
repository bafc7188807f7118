using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;

namespace Hdl.Retrieval.Tests;

/// <summary>Re-indexing after an edit rewrites only the edited file's chunks, vectors and edges.</summary>
public sealed class IncrementalIndexTests : IDisposable
{
    private readonly RetrievalFixture _fixture = new("""
        //- /a.sv
        module a (input logic clk, output logic [3:0] count_o);
          logic [3:0] cnt;
          always_ff @(posedge clk) cnt <= cnt + 1;
          assign count_o = cnt;
        endmodule
        //- /b.sv
        module b (input logic clk);
          logic [3:0] value;
          a u_a (.clk(clk), .count_o(value));
        endmodule
        //- /c.sv
        module c (input logic clk);
          logic flag;
        endmodule
        """);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Editing_one_file_leaves_other_files_rows_untouched()
    {
        var first = _fixture.Index();
        Assert.Equal(3, first.FilesUpdated);
        var rowsOfB = _fixture.Store.ChunkIdsOf("/b.sv").ToArray();
        var rowsOfC = _fixture.Store.ChunkIdsOf("/c.sv").ToArray();
        var vectorOfC = _fixture.Vectors.GetAsync("/c.sv#signal:flag").GetAwaiter().GetResult()!.Vector.ToArray();

        _fixture.Write("/a.sv", """
            module a (input logic clk, output logic [3:0] count_o);
              // free-running event counter
              logic [3:0] cnt;
              logic [3:0] shadow;
              always_ff @(posedge clk) cnt <= cnt + 1;
              assign count_o = cnt;
            endmodule
            """);
        var second = _fixture.Index();

        Assert.Equal((1, 0), (second.FilesUpdated, second.FilesRemoved));
        Assert.Equal(rowsOfB, _fixture.Store.ChunkIdsOf("/b.sv").ToArray());
        Assert.Equal(rowsOfC, _fixture.Store.ChunkIdsOf("/c.sv").ToArray());
        Assert.Equal(vectorOfC, _fixture.Vectors.GetAsync("/c.sv#signal:flag").GetAwaiter().GetResult()!.Vector.ToArray());
        Assert.Contains(_fixture.Store.ChunkIdsOf("/a.sv"), row => row.Id == "/a.sv#signal:shadow");
        Assert.Equal("a > cnt (signal)", _fixture.Search("event counter", SearchMode.Lexical, Hdl.Retrieval.Chunking.Granularity.Signal, top: 1));

        // The instance edge from b into a survives, since a's header keeps its id.
        Assert.Contains(_fixture.Store.EdgesTouching(["/b.sv#unit:b"]), edge => edge.Target == "/a.sv#unit:a" && edge.Kind == ChunkEdgeKind.Instantiates);
    }

    [Fact]
    public void Editing_one_file_rewrites_only_its_postings_and_lexical_search_follows()
    {
        _fixture.Index();
        var termsOfB = TermRows("/b.sv");
        var termsOfC = TermRows("/c.sv");
        var tally = Text.TextAnalyzer.Default.AnalyzeQuery("tally");
        var counter = Text.TextAnalyzer.Default.AnalyzeQuery("cnt count");
        // Searching loads the in-memory postings before the edit, so the edit must replace them.
        Assert.Empty(_fixture.Store.SearchLexical(tally, null, 10, LexicalOptions.Default));
        var before = _fixture.Store.SearchLexical(counter, null, 50, LexicalOptions.Default);

        _fixture.Write("/a.sv", """
            module a (input logic clk, output logic [3:0] count_o);
              logic [3:0] tally;
              always_ff @(posedge clk) tally <= tally + 1;
              assign count_o = tally;
            endmodule
            """);
        _fixture.Index();

        Assert.Equal(termsOfB, TermRows("/b.sv"));
        Assert.Equal(termsOfC, TermRows("/c.sv"));
        var found = _fixture.Store.SearchLexical(tally, null, 10, LexicalOptions.Default);
        Assert.Contains("/a.sv#signal:tally", _fixture.Store.ChunkIdsByRowId(found.Select(row => row.RowId)).Values);
        var after = _fixture.Store.SearchLexical(counter, null, 50, LexicalOptions.Default);
        Assert.NotEqual(before.ToArray(), after.ToArray());
        // Every row the postings name still exists, and a store opened afresh on the file answers the same.
        Assert.Equal(after.Length, _fixture.Store.ChunkIdsByRowId(after.Select(row => row.RowId)).Count);
        using var fresh = SqliteRetrievalStore.Open(_fixture.Store.DatabasePath);
        Assert.Equal(fresh.SearchLexical(counter, null, 50, LexicalOptions.Default).ToArray(), after.ToArray());
        Assert.Equal(fresh.SearchLexical(tally, null, 10, LexicalOptions.Default).ToArray(), found.ToArray());
        // The edit patched the postings held in memory rather than reading them again.
        Assert.Equal((1, 1), (_fixture.Store.LexicalLoads, _fixture.Store.LexicalPatches));
    }

    /// <summary>The stored term rows of a file's chunks, as row id and bytes.</summary>
    private List<(long RowId, string Data)> TermRows(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_fixture.Store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT t.rowid, t.data FROM retrieval_terms t JOIN retrieval_chunks c ON c.rowid = t.rowid WHERE c.path = $path ORDER BY t.rowid";
        command.Parameters.AddWithValue("$path", path);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), Convert.ToHexString(reader.GetFieldValue<byte[]>(1))));
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    [Fact]
    public void An_unchanged_workspace_updates_nothing()
    {
        _fixture.Index();
        var again = _fixture.Index();
        Assert.Equal((0, 0, 0), (again.FilesUpdated, again.FilesRemoved, again.ChunksWritten));
    }

    [Fact]
    public void A_deleted_file_loses_its_chunks_vectors_and_edges()
    {
        _fixture.Index();
        var vectorsBefore = _fixture.Vectors.Count;
        var chunksOfC = _fixture.Store.ChunkIdsOf("/c.sv").Length;
        _fixture.Delete("/c.sv");
        var update = _fixture.Index();

        Assert.Equal((0, 1), (update.FilesUpdated, update.FilesRemoved));
        Assert.Empty(_fixture.Store.ChunkIdsOf("/c.sv"));
        Assert.Equal(vectorsBefore - chunksOfC, _fixture.Vectors.Count);
        Assert.Empty(_fixture.Store.EdgesTouching(["/c.sv#unit:c"]));
    }

    [Fact]
    public void Changing_the_embedding_re_embeds_everything()
    {
        _fixture.Index();
        _fixture.UseBackend(RetrievalBackendOptions.Default with { Builtin = HashedEmbeddingOptions.Default with { Dimensions = 128 } });
        var update = _fixture.Index();

        Assert.True(update.Reembedded);
        Assert.Equal(3, update.FilesUpdated);
        // The hashed part shrinks to 128; the part learned from the repository and the concept part keep their size.
        var dimensions = 128 + LatentSemanticOptions.Default.Dimensions + HdlConceptGlossary.Default.Concepts.Length;
        Assert.Equal(dimensions, _fixture.Vectors.GetAsync("/c.sv#signal:flag").GetAwaiter().GetResult()!.Vector.Length);
        Assert.Equal(dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture), _fixture.Store.GetMeta("embedding")!.Split('/')[^1]);
    }
}
