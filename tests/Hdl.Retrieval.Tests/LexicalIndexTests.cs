using System.Globalization;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;
using Microsoft.Data.Sqlite;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// The in-memory BM25 index ranks exactly as SQLite FTS5's bm25() over the same fields (the table the index used to
/// keep: names, comments, body and a grain column, `unicode61` with `_` as a token character): the same chunks, in
/// the same order (ties by row id), with the same scores.
/// </summary>
public sealed class LexicalIndexTests : IDisposable
{
    private readonly SqliteConnection _fts = new("Data Source=:memory:");

    public LexicalIndexTests()
    {
        _fts.Open();
        using var create = _fts.CreateCommand();
        create.CommandText = "CREATE VIRTUAL TABLE fts USING fts5(names, comments, body, grain, tokenize = \"unicode61 tokenchars '_'\")";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _fts.Dispose();

    private static readonly LexicalOptions NonWholeWeights = LexicalOptions.Default with { NameWeight = 2.7, CommentWeight = 0.3, BodyWeight = 1.1 };

    [Theory]
    [InlineData("wr_ptr fifo full", 10)]
    [InlineData("clk", 50)]
    [InlineData("data valid ready data", 7)]
    [InlineData("nothing_here fifo", 5)]
    [InlineData("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 a18 count", 20)]
    public void A_generated_corpus_ranks_as_fts5_bm25_with_default_and_other_weights(string query, int top)
    {
        var index = Index(GeneratedCorpus());
        var terms = query.Split(' ');
        foreach (var options in new[] { LexicalOptions.Default, NonWholeWeights })
        {
            foreach (Granularity? granularity in new Granularity?[] { null, Granularity.Module, Granularity.Block, Granularity.Signal })
            {
                var expected = Fts5(terms, granularity, top, options);
                var actual = index.Search(terms, [new LexicalRequest(granularity, top)], options)[0];
                AssertSameList(expected, actual);
            }
        }
    }

    [Theory]
    [InlineData("synchronous fifo with a write pointer and a read pointer")]
    [InlineData("the counter that divides the clock for the uart baud rate")]
    [InlineData("flag raised when the queue is full")]
    public void Chunks_of_hdl_code_rank_as_fts5_bm25(string query)
    {
        var index = Index(HdlCorpus());
        var terms = TextAnalyzer.Default.AnalyzeQuery(query);
        foreach (Granularity? granularity in new Granularity?[] { null, Granularity.Module, Granularity.Block, Granularity.Signal })
        {
            AssertSameList(Fts5(terms, granularity, 50, LexicalOptions.Default), index.Search(terms, [new LexicalRequest(granularity, 50)], LexicalOptions.Default)[0]);
        }
    }

    [Fact]
    public void Several_requests_get_the_lists_of_separate_searches()
    {
        var index = Index(GeneratedCorpus());
        string[] terms = ["data", "fifo", "wr_ptr"];
        LexicalRequest[] requests = [new(null, 3), new(Granularity.Module, 5), new(Granularity.Signal, 0), new(Granularity.Block, 40)];
        var batched = index.Search(terms, requests, LexicalOptions.Default);
        for (var request = 0; request < requests.Length; request++)
        {
            Assert.Equal(index.Search(terms, [requests[request]], LexicalOptions.Default)[0].ToArray(), batched[request].ToArray());
        }

        Assert.Empty(batched[2]);
    }

    [Fact]
    public void Encoded_terms_keep_the_order_of_first_occurrence_across_fields()
    {
        var data = LexicalIndex.Encode(new IndexedFields("fifo_wr fifo wr", "write pointer fifo", "wr_ptr wr_ptr fifo"));
        Assert.Equal(["fifo_wr", "fifo", "wr", "write", "pointer", "wr_ptr"], LexicalIndex.TermsOf(data).ToArray());
    }

    [Fact]
    public void Names_with_separators_are_split_as_fts5_splits_them()
    {
        Assert.Equal(["always", "98", "genblk1", "gen_cnt", "a", "b"], LexicalIndex.Tokens("always@98 genblk1.gen_cnt A$b"));
        var index = Index([(new IndexedFields("always@98 genblk1.gen_cnt", "clock", "cnt"), Granularity.Block), (new IndexedFields("gen_cnt", string.Empty, "cnt cnt"), Granularity.Block), (new IndexedFields("x", "y", "z"), Granularity.Block)]);
        foreach (var terms in new[] { new[] { "gen_cnt" }, ["always", "cnt"], ["98"] })
        {
            AssertSameList(Fts5(terms, null, 5, LexicalOptions.Default), index.Search(terms, [new LexicalRequest(null, 5)], LexicalOptions.Default)[0]);
        }
    }

    [Fact]
    public void A_term_repeated_past_the_compact_count_keeps_its_exact_frequency()
    {
        var many = string.Join(' ', Enumerable.Repeat("strobe", 70_000));
        var index = Index([(new IndexedFields("gen_unit", string.Empty, many), Granularity.Module), (new IndexedFields("other", string.Empty, "strobe data"), Granularity.Module), (new IndexedFields("third", string.Empty, "data"), Granularity.Module)]);
        AssertSameList(Fts5(["strobe"], null, 5, NonWholeWeights), index.Search(["strobe"], [new LexicalRequest(null, 5)], NonWholeWeights)[0]);
        AssertSameList(Fts5(["strobe"], null, 5, LexicalOptions.Default), index.Search(["strobe"], [new LexicalRequest(null, 5)], LexicalOptions.Default)[0]);
    }

    /// <summary>
    /// Dropping some chunks and appending others (what re-indexing an edited file does) gives the index a fresh build of
    /// the remaining rows gives: the same sizes, and every list and score equal, for every granularity and both kinds
    /// of weights. The removed rows take the only chunks holding `uart` with them (the term is dropped); the added ones
    /// bring new terms and a count past the compact range.
    /// </summary>
    [Fact]
    public void Patching_removed_and_added_chunks_equals_a_fresh_build_of_the_remaining_rows()
    {
        var corpus = GeneratedCorpus().Select((document, position) => (RowId: (3L * position) + 5, Document: document)).ToList();
        var removed = corpus.Where(row => row.RowId % 7 == 1 || row.Document.Item1.Names.Contains("uart", StringComparison.Ordinal)
            || row.Document.Item1.Comments.Contains("uart", StringComparison.Ordinal) || row.Document.Item1.Body.Contains("uart", StringComparison.Ordinal)).Select(row => row.RowId).ToHashSet();
        (IndexedFields Fields, Granularity Granularity)[] additions =
        [
            (new IndexedFields("tally_q", "counts the tally", "tally clk data"), Granularity.Signal),
            (new IndexedFields("gen_unit", string.Empty, string.Join(' ', Enumerable.Repeat("strobe", 70_000))), Granularity.Module),
            (new IndexedFields("fifo", "a small fifo", "wr_ptr rd_ptr full empty data valid ready"), Granularity.Block),
        ];
        var added = additions.Select((addition, position) => (RowId: 2_000L + (5 * position), addition.Granularity, Data: LexicalIndex.Encode(addition.Fields))).ToList();

        var patched = Build(corpus.Select(row => (row.RowId, row.Document.Item2, LexicalIndex.Encode(row.Document.Item1)))).Patch(removed, added);
        var fresh = Build(corpus.Where(row => !removed.Contains(row.RowId)).Select(row => (row.RowId, row.Document.Item2, LexicalIndex.Encode(row.Document.Item1))).Concat(added));

        Assert.NotNull(patched);
        Assert.Equal((fresh.ChunkCount, fresh.TermCount, fresh.PostingCount, fresh.ApproximateBytes), (patched.ChunkCount, patched.TermCount, patched.PostingCount, patched.ApproximateBytes));
        foreach (var query in new[] { "wr_ptr fifo full", "clk", "tally strobe data", "uart baud", "a3 a7 count state" })
        {
            foreach (var options in new[] { LexicalOptions.Default, NonWholeWeights })
            {
                LexicalRequest[] requests = [new(null, 30), new(Granularity.Module, 10), new(Granularity.Block, 10), new(Granularity.Signal, 10)];
                Assert.Equal(fresh.Search(query.Split(' '), requests, options).Select(list => list.ToArray()), patched.Search(query.Split(' '), requests, options).Select(list => list.ToArray()));
            }
        }
    }

    [Fact]
    public void A_patch_adding_a_row_below_a_kept_one_is_refused()
    {
        var index = Build([(10, Granularity.Module, LexicalIndex.Encode(new IndexedFields("a", string.Empty, "clk"))), (20, Granularity.Module, LexicalIndex.Encode(new IndexedFields("b", string.Empty, "clk")))]);
        Assert.Null(index.Patch(new HashSet<long> { 10 }, [(15, Granularity.Signal, LexicalIndex.Encode(new IndexedFields("c", string.Empty, "data")))]));
        Assert.NotNull(index.Patch(new HashSet<long> { 20 }, [(15, Granularity.Signal, LexicalIndex.Encode(new IndexedFields("c", string.Empty, "data")))]));
    }

    private static LexicalIndex Build(IEnumerable<(long RowId, Granularity Granularity, byte[] Data)> rows)
    {
        var builder = new LexicalIndex.Builder();
        foreach (var (rowId, granularity, data) in rows)
        {
            builder.Add(rowId, granularity, data);
        }

        return builder.Build();
    }

    /// <summary>
    /// A signal's role terms count in no field's length (they are for signal searches only), so the FTS5 reference,
    /// which these queries never ask for role terms, is built without them.
    /// </summary>
    private static string WithoutRoleTerms(string field) =>
        string.Join(' ', field.Split(' ').Where(token => !token.StartsWith(Hdl.Retrieval.Chunking.SignalRoleOptions.TermPrefix, StringComparison.Ordinal)));

    /// <summary>Puts the documents into the FTS5 table and into the index under the same row ids (with gaps, as after deletions).</summary>
    private LexicalIndex Index(IReadOnlyList<(IndexedFields Fields, Granularity Granularity)> documents)
    {
        var builder = new LexicalIndex.Builder();
        using var insert = _fts.CreateCommand();
        insert.CommandText = "INSERT INTO fts(rowid, names, comments, body, grain) VALUES ($rowid, $names, $comments, $body, $grain)";
        for (var position = 0; position < documents.Count; position++)
        {
            var (fields, granularity) = documents[position];
            var rowId = (3L * position) + 5;
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$rowid", rowId);
            insert.Parameters.AddWithValue("$names", fields.Names);
            insert.Parameters.AddWithValue("$comments", WithoutRoleTerms(fields.Comments));
            insert.Parameters.AddWithValue("$body", fields.Body);
            insert.Parameters.AddWithValue("$grain", Grain(granularity));
            insert.ExecuteNonQuery();
            builder.Add(rowId, granularity, LexicalIndex.Encode(fields));
        }

        return builder.Build();
    }

    /// <summary>The query the store used to run: any of the first distinct terms in the text columns, grain as a filter, bm25 with the field weights.</summary>
    private List<(long RowId, double Score)> Fts5(IReadOnlyList<string> terms, Granularity? granularity, int top, LexicalOptions options)
    {
        var distinct = terms.Distinct(StringComparer.Ordinal).Take(options.MaxQueryTerms).Select(term => $"\"{term}\"");
        var match = $"{{names comments body}}: ({string.Join(" OR ", distinct)})";
        if (granularity is { } grain)
        {
            match += $" AND grain: {Grain(grain)}";
        }

        using var command = _fts.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"SELECT rowid, bm25(fts, {options.NameWeight}, {options.CommentWeight}, {options.BodyWeight}, 0.0) AS score FROM fts WHERE fts MATCH $match ORDER BY score, rowid LIMIT $top");
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var result = new List<(long, double)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), -reader.GetDouble(1)));
        }

        return result;
    }

    private static void AssertSameList(List<(long RowId, double Score)> expected, System.Collections.Immutable.ImmutableArray<(long RowId, double Score)> actual)
    {
        Assert.Equal(expected.Select(row => row.RowId), actual.Select(row => row.RowId));
        for (var rank = 0; rank < expected.Count; rank++)
        {
            Assert.True(Math.Abs(expected[rank].Score - actual[rank].Score) <= 1e-9, $"rank {rank}: fts5 {expected[rank].Score:R}, index {actual[rank].Score:R}");
        }
    }

    private static string Grain(Granularity granularity) => granularity switch
    {
        Granularity.Module => "gmodule",
        Granularity.Block => "gblock",
        _ => "gsignal",
    };

    /// <summary>
    /// 400 documents over a skewed vocabulary (so some terms are in most documents, where idf is clamped), fields of
    /// varied lengths including empty ones, and every tenth document a copy of the one before (equal scores: ties).
    /// </summary>
    private static List<(IndexedFields, Granularity)> GeneratedCorpus()
    {
        string[] vocabulary = ["clk", "data", "valid", "ready", "fifo", "wr_ptr", "rd_ptr", "full", "empty", "count", "state", "uart", "baud",
            .. Enumerable.Range(0, 20).Select(n => $"a{n}")];
        var random = new Random(20261126);
        string Field(int maxLength)
        {
            var length = random.Next(maxLength + 1);
            return string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 2.5))]));
        }

        var documents = new List<(IndexedFields, Granularity)>();
        for (var document = 0; document < 400; document++)
        {
            documents.Add(document % 10 == 9
                ? documents[^1]
                : (new IndexedFields(Field(4), Field(15), Field(60)), (Granularity)(document % 3)));
        }

        return documents;
    }

    /// <summary>Real chunks of a few units, analysed as the indexer analyses them.</summary>
    private static List<(IndexedFields, Granularity)> HdlCorpus()
    {
        var workspace = new MemoryWorkspace("""
            //- /rtl/fifo.sv
            // Synchronous FIFO queue with a write pointer and a read pointer.
            module fifo #(parameter int Depth = 8) (input logic clk, input logic wr_en, input logic rd_en, output logic full, output logic empty);
              logic [3:0] wr_ptr; // write pointer
              logic [3:0] rd_ptr; // read pointer
              always_ff @(posedge clk) begin : p_ptr
                if (wr_en && !full) wr_ptr <= wr_ptr + 1;
                if (rd_en && !empty) rd_ptr <= rd_ptr + 1;
              end
              assign full = (wr_ptr - rd_ptr) == Depth;
              assign empty = wr_ptr == rd_ptr;
              if (Depth > 4) begin : gen_deep
                logic [3:0] level_q; // fill level of the deep queue
                always_ff @(posedge clk) level_q <= wr_ptr - rd_ptr;
              end
            endmodule
            //- /rtl/uart_baud.sv
            // Divides the system clock down to the UART baud rate.
            module uart_baud (input logic clk, input logic rst_n, input logic [15:0] divisor, output logic tick);
              logic [15:0] baud_cnt_q; // down counter reloaded with the divisor
              always_ff @(posedge clk or negedge rst_n) begin
                if (!rst_n) baud_cnt_q <= '0;
                else if (baud_cnt_q == 0) baud_cnt_q <= divisor;
                else baud_cnt_q <= baud_cnt_q - 1;
              end
              assign tick = baud_cnt_q == 0;
            endmodule
            //- /rtl/top.sv
            module top (input logic clk, input logic rst_n);
              logic full, empty, tick;
              fifo u_fifo (.clk(clk), .wr_en(tick), .rd_en(1'b0), .full(full), .empty(empty));
              uart_baud u_baud (.clk(clk), .rst_n(rst_n), .divisor(16'd10), .tick(tick));
            endmodule
            """);
        var index = workspace.BuildIndex(WorkspaceIndexOptions.Default);
        using var store = SqliteRetrievalStore.Open(":memory:");
        var backend = RetrievalBackends.Create(RetrievalBackendOptions.Default, store, TextAnalyzer.Default);
        var indexer = new RetrievalIndexer(store, backend.Vectors!, backend.Generator!, TextAnalyzer.Default, RetrievalIndexOptions.Default);
        var documents = new List<(IndexedFields, Granularity)>();
        foreach (var file in index.Files.Where(file => file.Design is not null))
        {
            var text = workspace.Read(file.Path, CancellationToken.None).Text!.Text;
            documents.AddRange(Chunker.Chunk(file.Design!, text, ChunkingOptions.Default).Select(chunk => (indexer.Analyze(chunk), chunk.Granularity)));
        }

        backend.Vectors!.Dispose();
        backend.Generator!.Dispose();
        Assert.True(documents.Count > 15);
        return documents;
    }
}
