using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Indexing;
using Hdl.Retrieval.Search;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// Graph and hybrid search read a block or signal in the context of its unit, and a unit through the units that
/// instantiate it: a query often names what the unit is, which a member's own lines do not say, and a testbench
/// repeats the words of the design it instantiates.
/// </summary>
public sealed class ContextSearchTests
{
    // The two counters are told apart by their units and comments here; role words would call both "counter".
    private static readonly RetrievalIndexOptions WithoutRoles = RetrievalIndexOptions.Default with { RolesInLexical = false };

    private const string Counters = """
        //- /alarm.sv
        // Interrupt timer: raises an interrupt when the compare value is reached.
        module alarm (
          input logic clk,
          output logic fire
        );
          logic [15:0] count_q;
          logic [15:0] compare_q;
          always_ff @(posedge clk) count_q <= count_q + 1;
          assign fire = count_q == compare_q;
        endmodule
        //- /uart_rx.sv
        // Serial receiver.
        module uart_rx (
          input logic clk,
          input logic rxd
        );
          // counter: counts the received bits
          logic [3:0] count_q;
          always_ff @(posedge clk) count_q <= count_q + 1;
        endmodule
        """;

    private const string Converters = """
        //- /bin2gray.sv
        // binary to gray code
        module bin2gray (input logic [7:0] bin, output logic [7:0] gray);
          assign gray = bin ^ (bin >> 1);
        endmodule
        //- /bin2gray_fast.sv
        // binary to gray code conversion
        module bin2gray_fast (input logic [7:0] bin, output logic [7:0] gray);
          assign gray = bin ^ (bin >> 1);
        endmodule
        //- /decoder.sv
        // decoder of binary instruction words
        module decoder (input logic [31:0] word, output logic [4:0] op);
          assign op = word[6:2];
        endmodule
        //- /ecc.sv
        // error correction of binary words
        module ecc (input logic [31:0] word, output logic [6:0] syndrome);
          assign syndrome = word[6:0];
        endmodule
        //- /bin2gray_tb.sv
        // Self-checking bench of the binary to gray code conversion: every input value, checked against a reference.
        module bin2gray_tb;
          logic [7:0] bin, gray;
          bin2gray dut (.bin(bin), .gray(gray));
        endmodule
        """;

    [Fact]
    public void A_signal_is_found_through_the_unit_the_query_describes()
    {
        using var fixture = new RetrievalFixture(Counters);
        fixture.Index(WithoutRoles);

        // Lexically the receiver's counter wins: its comment says "counter"; the timer's counter has no comment, and only the
        // comment of its unit (named alarm) says "interrupt timer".
        Assert.Equal("/uart_rx.sv", fixture.Hits("counter of the interrupt timer", SearchMode.Lexical, Granularity.Signal)[0].Chunk.Path);

        var options = SearchOptions.Default with
        {
            Mode = SearchMode.Hybrid,
            Granularity = Granularity.Signal,
            Fusion = FusionOptions.Default with { GraphWeight = 0, VectorWeight = 0 },
        };
        var hybrid = fixture.Searcher.SearchAsync("counter of the interrupt timer", options, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(("/alarm.sv", "count_q"), (hybrid[0].Chunk.Path, hybrid[0].Chunk.Name));
    }

    [Fact]
    public void Without_the_context_list_a_member_ranks_by_its_own_text()
    {
        using var fixture = new RetrievalFixture(Counters);
        fixture.Index(WithoutRoles);
        var options = SearchOptions.Default with
        {
            Mode = SearchMode.Hybrid,
            Granularity = Granularity.Signal,
            Fusion = FusionOptions.Default with { ContextWeight = 0, GraphWeight = 0, VectorWeight = 0 },
        };

        var hits = fixture.Searcher.SearchAsync("counter of the interrupt timer", options, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal("/uart_rx.sv", hits[0].Chunk.Path);
    }

    [Fact]
    public void A_unit_instantiated_by_a_matching_testbench_ranks_above_its_look_alike()
    {
        using var fixture = new RetrievalFixture(Converters);
        fixture.Index();
        static int Rank(IEnumerable<Search.SearchHit> hits, string unit) => hits.Select(hit => hit.Chunk.Unit).ToList().IndexOf(unit);

        // Lexically the look-alike wins: its comment also says "conversion".
        var lexical = fixture.Hits("binary to gray code conversion", SearchMode.Lexical, Granularity.Module);
        Assert.True(Rank(lexical, "bin2gray_fast") < Rank(lexical, "bin2gray"));

        // Lexical and instantiation-context lists only, so the test reads their effect alone; in a repository this
        // small every word is in most units, so the look-alike's lexical margin is the whole scale, and the context
        // list is weighted above it.
        var options = SearchOptions.Default with
        {
            Mode = SearchMode.Hybrid,
            Granularity = Granularity.Module,
            Fusion = FusionOptions.Default with { GraphWeight = 0, VectorWeight = 0, InstanceContextWeight = 1.5 },
        };
        var hybrid = fixture.Searcher.SearchAsync("binary to gray code conversion", options, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(Rank(hybrid, "bin2gray") >= 0);
        Assert.True(Rank(hybrid, "bin2gray") < Rank(hybrid, "bin2gray_fast"));
    }
}
