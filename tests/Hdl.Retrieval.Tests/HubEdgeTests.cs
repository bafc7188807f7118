using System.Text;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// Graph expansion reads a bounded sample of a hub's edges, plus every edge to a chunk the query already matched,
/// so a unit with hundreds of members costs a search no more than a small one.
/// </summary>
public sealed class HubEdgeTests : IDisposable
{
    private const int Members = 40;
    private readonly RetrievalFixture _fixture = new(Hub());

    public void Dispose() => _fixture.Dispose();

    private static string Hub()
    {
        var text = new StringBuilder("//- /hub.sv\nmodule hub (input logic clk);\n");
        for (var member = 0; member < Members; member++)
        {
            text.Append("  logic member_").Append(member).Append(";\n");
        }

        return text.Append("  logic parity_flag; // odd parity of the received byte\nendmodule\n").ToString();
    }

    [Fact]
    public void A_hub_contributes_at_most_the_cap_per_direction()
    {
        _fixture.Index();
        Assert.True(_fixture.Store.EdgesTouching(["/hub.sv#unit:hub"]).Length > Members);
        Assert.Equal(8, _fixture.Store.EdgesTouching(["/hub.sv#unit:hub"], 8, []).Length);
    }

    [Fact]
    public void Edges_to_matched_chunks_are_read_past_the_cap()
    {
        _fixture.Index();
        var edges = _fixture.Store.EdgesTouching(["/hub.sv#unit:hub"], 8, ["/hub.sv#signal:parity_flag"]);
        Assert.Equal(9, edges.Length);
        Assert.Contains(edges, edge => edge.Target == "/hub.sv#signal:parity_flag" && edge.Kind == ChunkEdgeKind.Contains);
    }

    [Fact]
    public void Graph_search_through_a_hub_still_finds_the_matching_member()
    {
        _fixture.Index();
        var options = Search.SearchOptions.Default with
        {
            Mode = Search.SearchMode.Graph,
            Granularity = Chunking.Granularity.Signal,
            Fusion = Search.FusionOptions.Default with { MaxEdgesPerNode = 4 },
        };
        var hits = _fixture.Searcher.SearchAsync("odd parity of the received byte", options, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal("parity_flag", hits[0].Chunk.Name);
    }
}
