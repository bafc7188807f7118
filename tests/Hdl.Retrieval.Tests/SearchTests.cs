using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Search;

namespace Hdl.Retrieval.Tests;

/// <summary>BM25, vector search, graph expansion and fusion over a small design indexed for real (SQLite in a temp folder).</summary>
public sealed class SearchTests : IDisposable
{
    private const string Design = """
        //- /rtl/uart_baud.sv
        // Generates the oversampling tick of the UART.
        module uart_baud (
          input  logic       clk_i,
          input  logic       rst_ni,
          input  logic [7:0] divisor_i,   // divide ratio
          output logic       tick_o
        );
          // Clock divider: counts down from the divisor and reloads.
          logic [7:0] baud_cnt_q;
          always_ff @(posedge clk_i or negedge rst_ni) begin : p_baud
            if (!rst_ni) baud_cnt_q <= '0;
            else if (baud_cnt_q == '0) baud_cnt_q <= divisor_i;
            else baud_cnt_q <= baud_cnt_q - 1'b1;
          end
          assign tick_o = (baud_cnt_q == '0);
        endmodule
        //- /rtl/axi_slave.sv
        module axi_slave (
          input  logic       aclk,
          input  logic       awvalid,
          input  logic       wvalid,
          output logic       bvalid,
          output logic [1:0] bresp
        );
          logic wr_done;
          always_ff @(posedge aclk) begin : p_write_resp
            bvalid <= awvalid && wvalid;
            bresp  <= 2'b00;
          end
          assign wr_done = bvalid;
        endmodule
        //- /rtl/soc.sv
        module soc (input logic clk, input logic rst_n);
          logic tick;
          uart_baud u_baud (.clk_i(clk), .rst_ni(rst_n), .divisor_i(8'd10), .tick_o(tick));
          axi_slave u_axi (.aclk(clk), .awvalid(1'b0), .wvalid(1'b0), .bvalid(), .bresp());
        endmodule
        //- /rtl/fifo.sv
        module fifo (input logic clk, input logic push, input logic pop, output logic full, output logic empty);
          logic [3:0] level;   // number of entries stored
          always_ff @(posedge clk) level <= level + push - pop;
          assign full = level == 4'd15;
          assign empty = level == 0;
        endmodule
        """;

    private readonly RetrievalFixture _fixture = new(Design);

    public SearchTests() => _fixture.Index();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Lexical_search_finds_the_signal_by_its_abbreviated_name() => Assert.Equal(
        "uart_baud > baud_cnt_q (signal)",
        _fixture.Search("counter for the baud rate", SearchMode.Lexical, Granularity.Signal, top: 1));

    [Fact]
    public void Lexical_search_ranks_a_name_match_above_mentions_in_code()
    {
        // `level` is the name of one signal and appears in the statements driving `full` and `empty`.
        var results = _fixture.Search("fill level", SearchMode.Lexical, Granularity.Signal, top: 3).Split('\n');
        Assert.Equal("fifo > level (signal)", results[0]);
        Assert.Equal(["fifo > port empty (port)", "fifo > port full (port)"], results[1..].Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Lexical_search_answers_plain_words_with_abbreviated_code() => Assert.Equal(
        "axi_slave > p_write_resp (process)",
        _fixture.Search("write response generation", SearchMode.Lexical, Granularity.Block, top: 1));

    [Fact]
    public void Vector_search_meets_word_variants_through_character_trigrams() => Assert.Equal(
        "uart_baud > port divisor_i (port)",
        _fixture.Search("divisors", SearchMode.Vector, Granularity.Signal, top: 1));

    [Fact]
    public void Granularity_filter_keeps_only_that_level()
    {
        foreach (var mode in new[] { SearchMode.Lexical, SearchMode.Vector, SearchMode.Graph, SearchMode.Hybrid })
        {
            var hits = _fixture.Hits("baud tick", mode, Granularity.Module, top: 10);
            Assert.NotEmpty(hits);
            Assert.All(hits, hit => Assert.Equal(Granularity.Module, hit.Chunk.Granularity));
        }
    }

    [Fact]
    public void Graph_search_reaches_the_module_through_a_matching_signal_and_says_how()
    {
        // No module header says "entries stored"; the signal's comment does, and the graph leads to its unit.
        // One seed, the best lexical hit (a list of weight zero seeds nothing), so the walk starts from it only.
        var options = SearchOptions.Default with { Mode = SearchMode.Graph, Granularity = Granularity.Module, Top = 1, Fusion = FusionOptions.Default with { GraphSeeds = 1, VectorWeight = 0 } };
        var hits = _fixture.Searcher.SearchAsync("entries stored", options, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal("fifo", Assert.Single(hits).Chunk.Name);
        Assert.Equal("signal level -contains- unit fifo", hits[0].GraphPath);
    }

    [Fact]
    public void Hybrid_results_say_why_they_matched()
    {
        var hit = _fixture.Hits("baud rate counter", SearchMode.Hybrid, Granularity.Signal, top: 1)[0];
        Assert.Equal("baud_cnt_q", hit.Chunk.Name);
        Assert.Equal(["baud", "cnt"], hit.MatchedTerms.Order().ToArray());
        Assert.Contains(hit.Sources, source => source.Retriever == SearchMode.Lexical && source.Rank == 1);
        Assert.Contains(hit.Sources, source => source.Retriever == SearchMode.Vector);
        Assert.Contains("lexical #1", hit.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_carry_file_lines_unit_and_snippet()
    {
        var hit = _fixture.Hits("write response", SearchMode.Hybrid, Granularity.Block, top: 1)[0];
        Assert.Equal("/rtl/axi_slave.sv", hit.Chunk.Path);
        Assert.Equal((9, 12), (hit.Chunk.StartLine, hit.Chunk.EndLine));
        Assert.Equal("axi_slave", hit.Chunk.Unit);
        Assert.StartsWith("  always_ff @(posedge aclk) begin : p_write_resp", hit.Chunk.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_of_only_stop_words_returns_nothing_and_does_not_fail() =>
        Assert.Empty(_fixture.Hits("the of and", SearchMode.Hybrid));

    [Fact]
    public void The_chunk_graph_links_instances_blocks_and_signals()
    {
        var edges = _fixture.Store.EdgesTouching(["/rtl/soc.sv#unit:soc", "/rtl/axi_slave.sv#process:p_write_resp"])
            .Select(edge => $"{ChunkIds.DisplayName(edge.Source)} -{edge.Kind.ToString().ToLowerInvariant()}-> {ChunkIds.DisplayName(edge.Target)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("unit soc -instantiates-> unit uart_baud", edges);
        Assert.Contains("unit soc -instantiates-> unit axi_slave", edges);
        Assert.Contains("process p_write_resp -drives-> port bresp", edges);
        Assert.Contains("process p_write_resp -reads-> port awvalid", edges);
        Assert.Contains("unit axi_slave -contains-> process p_write_resp", edges);
    }
}
