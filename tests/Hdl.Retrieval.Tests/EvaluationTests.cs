using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Evaluation;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Tests;

/// <summary>The query-set format, gold matching and the metrics, on a tiny hand-made set with known answers.</summary>
public class EvaluationTests
{
    private const string Queries = """
        {"id":"q1","repo":"demo","granularity":"module","query":"baud tick","gold":[{"unit":"uart_baud"}]}
        {"id":"q2","repo":"demo","granularity":"block","query":"write response","gold":[{"file":"rtl/axi_slave.sv","startLine":9,"endLine":10}]}
        {"id":"q3","repo":"demo","granularity":"signal","query":"baud counter","gold":[{"unit":"uart_baud","signal":"baud_cnt_q"}]}
        not json
        {"id":"q4","repo":"demo","granularity":"wire","query":"x","gold":[{"unit":"a"}]}
        {"id":"q5","repo":"demo","granularity":"signal","query":"x","gold":[]}
        """;

    [Fact]
    public void The_query_set_reads_good_lines_and_reports_bad_ones_with_their_line()
    {
        var (queries, problems) = QuerySet.Parse(Queries, "q.jsonl");
        Assert.Equal(["q1", "q2", "q3"], queries.Select(query => query.Id).ToArray());
        Assert.Equal(new GoldEntry(null, "rtl/axi_slave.sv", 9, 10, null), queries[1].Gold[0]);
        Assert.StartsWith("q.jsonl:4: error: not a JSON object: ", problems[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(
            [
                "q.jsonl:5: error: query 'q4': granularity 'wire' is not module, block or signal",
                "q.jsonl:6: error: query 'q5' has no gold entries",
            ],
            problems.Skip(1).Select(problem => problem.ToString()).ToArray());
    }

    [Theory]
    [InlineData(ChunkKind.Unit, "uart_baud", "uart_baud", 1, 5, false, true)]
    [InlineData(ChunkKind.Unit, "UART_BAUD", "uart_baud", 1, 5, true, true)]
    [InlineData(ChunkKind.Unit, "UART_BAUD", "uart_baud", 1, 5, false, false)]
    [InlineData(ChunkKind.Process, "axi_slave", "p_write_resp", 8, 9, false, true)]
    [InlineData(ChunkKind.Process, "axi_slave", "p_other", 11, 12, false, false)]
    [InlineData(ChunkKind.Signal, "uart_baud", "baud_cnt_q", 9, 9, false, true)]
    [InlineData(ChunkKind.Signal, "other", "baud_cnt_q", 9, 9, false, false)]
    public void Gold_entries_match_by_unit_span_or_signal(ChunkKind kind, string unit, string name, int start, int end, bool ignoreCase, bool expected)
    {
        var chunk = new StoredChunk(1, "id", "/repo/rtl/x.sv", kind, unit, name, start, end, string.Empty, string.Empty, ignoreCase);
        var relative = kind == ChunkKind.Process ? "./rtl/axi_slave.sv" : "rtl/x.sv";
        var gold = kind switch
        {
            ChunkKind.Unit => new GoldEntry("uart_baud", null, null, null, null),
            ChunkKind.Process => new GoldEntry(null, "rtl/axi_slave.sv", 9, 10, null),
            _ => new GoldEntry("uart_baud", null, null, null, "baud_cnt_q"),
        };
        Assert.Equal(expected, GoldMatcher.Matches(chunk, relative, gold));
    }

    [Fact]
    public void Metrics_follow_their_definitions()
    {
        // Correct at ranks 1 and 3, at 12 (outside the top ten) and never.
        var metrics = EvalMetrics.From([1, 3, 12, null]);
        Assert.Equal(new EvalMetrics(4, 0.25, 0.5, 0.5, (1 + (1.0 / 3)) / 4), metrics);
        Assert.Equal(new EvalMetrics(0, 0, 0, 0, 0), EvalMetrics.From([]));
    }

    [Fact]
    public void The_tiny_set_is_answered_at_the_top_by_hybrid_search()
    {
        using var fixture = new RetrievalFixture("""
            //- /repo/rtl/uart_baud.sv
            module uart_baud (input logic clk_i, output logic tick_o);
              // baud rate counter
              logic [7:0] baud_cnt_q;
              always_ff @(posedge clk_i) baud_cnt_q <= baud_cnt_q - 1'b1;
              assign tick_o = baud_cnt_q == 0;
            endmodule
            //- /repo/rtl/axi_slave.sv
            module axi_slave (
              input  logic       aclk,
              input  logic       wvalid,
              output logic       bvalid,
              output logic [1:0] bresp
            );
              logic unused;
              // write response
              always_ff @(posedge aclk) begin : p_write_resp
                bvalid <= wvalid;
                bresp  <= 2'b00;
              end
            endmodule
            """);
        fixture.Index();
        var (queries, _) = QuerySet.Parse(Queries, "q.jsonl");
        var ranks = queries.Select(query =>
        {
            var hits = fixture.Hits(query.Query, SearchMode.Hybrid, query.Granularity, top: 10);
            var index = hits.ToList().FindIndex(hit => query.Gold.Any(gold => GoldMatcher.Matches(hit.Chunk, Path.GetRelativePath("/repo", hit.Chunk.Path), gold)));
            return index < 0 ? (int?)null : index + 1;
        }).ToList();
        Assert.Equal([1, 1, 1], ranks);
        Assert.Equal(new EvalMetrics(3, 1, 1, 1, 1), EvalMetrics.From(ranks));
    }
}
