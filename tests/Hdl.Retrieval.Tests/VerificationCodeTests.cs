using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Search;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// A testbench repeats the names of the design it drives and its comments describe that design, so a query about the
/// design ranks verification code below the design unless the query asks for a test.
/// </summary>
public sealed class VerificationCodeTests
{
    // The same module twice: the design, and a simulation model of it kept in a simulation folder.
    private const string GrayCounter = """
        //- /sim/gray_counter.sv
        // Gray code counter.
        module gray_counter (input logic clk, output logic [7:0] gray);
          logic [7:0] count_q;
          always_ff @(posedge clk) count_q <= count_q + 1;
          assign gray = count_q ^ (count_q >> 1);
        endmodule
        //- /src/gray_counter.sv
        // Gray code counter.
        module gray_counter (input logic clk, output logic [7:0] gray);
          logic [7:0] count_q;
          always_ff @(posedge clk) count_q <= count_q + 1;
          assign gray = count_q ^ (count_q >> 1);
        endmodule
        //- /src/byte_counter.sv
        // Byte counter.
        module byte_counter (input logic clk, output logic [7:0] count_q);
          always_ff @(posedge clk) count_q <= count_q + 1;
        endmodule
        """;

    [Theory]
    [InlineData("tb/uart_tb.sv#unit:uart_tb", true)]
    [InlineData("hw/ip/uart/dv/env/uart_env.sv#block:always:3", true)]
    [InlineData("sim/top.vhd#unit:top", true)]
    [InlineData("rtl/fifo_tb.sv#unit:fifo_tb", true)]
    [InlineData("rtl/top.sv#unit:top_tb", true)]
    [InlineData("test/Testbenches/alu.vhd#signal:result", true)]
    [InlineData("rtl/uart_tx.sv#unit:uart_tx", false)]
    [InlineData("rtl/testmode_ctrl.sv#unit:testmode_ctrl", false)]
    [InlineData("src/dft/scan_test_mux.sv#signal:test_en", false)]
    [InlineData("rtl/top.sv#signal:tb_sel", false)]
    public void Verification_code_is_told_by_its_folders_and_its_file_or_unit_name(string chunkId, bool expected) =>
        Assert.Equal(expected, VerificationCode.Contains(chunkId));

    [Theory]
    [InlineData("the testbench of the uart", true)]
    [InlineData("stimulus for the fifo", true)]
    [InlineData("test that the counter wraps", true)]
    [InlineData("counter that wraps at the top", false)]
    [InlineData("baud rate divider of the receiver", false)]
    public void A_query_asks_for_verification_code_by_its_words(string query, bool expected) =>
        Assert.Equal(expected, VerificationCode.AskedFor(query));

    [Fact]
    public void A_query_about_the_design_ranks_the_design_above_its_simulation_model()
    {
        using var fixture = new RetrievalFixture(GrayCounter);
        fixture.Index();
        string First(string query, double factor) =>
            fixture.Searcher.SearchAsync(query, SearchOptions.Default with
            {
                Mode = SearchMode.Lexical,
                Granularity = Granularity.Module,
                Fusion = FusionOptions.Default with { VerificationFactor = factor },
            }, CancellationToken.None).GetAwaiter().GetResult()[0].Chunk.Path;

        // The two copies tie; without the prior the one indexed first wins.
        Assert.Equal("/sim/gray_counter.sv", First("gray code counter", 1));

        Assert.Equal("/src/gray_counter.sv", First("gray code counter", FusionOptions.Default.VerificationFactor));
        Assert.Equal("/sim/gray_counter.sv", First("simulation model of the gray code counter", FusionOptions.Default.VerificationFactor));
    }
}
