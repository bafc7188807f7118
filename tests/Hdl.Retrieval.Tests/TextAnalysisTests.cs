using Hdl.Retrieval.Text;

namespace Hdl.Retrieval.Tests;

/// <summary>Identifier splitting, the HDL lexicon, stop words and light stemming: documents and queries meet on the same terms.</summary>
public class TextAnalysisTests
{
    [Theory]
    [InlineData("baud_cnt", "baud cnt")]
    [InlineData("baudCnt", "baud cnt")]
    [InlineData("BaudCNT", "baud cnt")]
    [InlineData("AXIBusWrite", "axi bus write")]
    [InlineData("fifo8_wr_en", "fifo 8 wr en")]
    [InlineData("rx_data_q2", "rx data q 2")]
    [InlineData("__x__", "x")]
    [InlineData("", "")]
    public void Identifiers_split_into_lower_case_sub_tokens(string identifier, string expected) =>
        Assert.Equal(expected, string.Join(' ', IdentifierSplitter.Split(identifier)));

    [Theory]
    [InlineData("baud_cnt", "baud_cnt baud cnt")]
    [InlineData("baudCounter", "baudcounter baud cnt")]
    [InlineData("wr_en", "wr_en wr en")]
    [InlineData("write_enable", "write_enable wr en")]
    [InlineData("clk_i", "clk_i clk")]
    [InlineData("rst_ni", "rst_ni rst ni")]
    [InlineData("bresp", "resp")]
    [InlineData("tx_fifo_full", "tx_fifo_full tx fifo full")]
    public void Identifiers_map_to_canonical_terms(string identifier, string expected) => CheckIdentifier(identifier, expected);

    [Theory]
    [InlineData("the counter that divides the clock for the UART baud rate", "cnt div clk uart baud rate")]
    [InlineData("where is the write response generated for the AXI slave", "wr resp generat axi slv")]
    [InlineData("Transmitter shift register", "tx shft reg")]
    [InlineData("interrupts are pending", "irq pend")]
    [InlineData("acknowledges requests", "ack req")]
    public void Queries_drop_stop_words_and_use_the_lexicon(string query, string expected) =>
        Assert.Equal(expected, string.Join(' ', TextAnalyzer.Default.AnalyzeQuery(query)));

    [Fact]
    public void Keywords_in_code_are_noise_but_inside_identifiers_they_count()
    {
        var terms = new List<string>();
        TextAnalyzer.Default.AnalyzeCode("always_ff @(posedge clk) begin ctrl_reg <= 8'h00; end", terms);
        Assert.Equal("clk ctrl_reg ctrl reg h00", string.Join(' ', terms));
    }

    [Theory]
    [InlineData("clock", "clk")]
    [InlineData("clocks", "clk")]
    [InlineData("counters", "cnt")]
    [InlineData("counting", "cnt")]
    [InlineData("addresses", "addr")]
    [InlineData("receiver", "rx")]
    [InlineData("transmitting", "tx")]
    [InlineData("acknowledge", "ack")]
    [InlineData("prescaler", "div")]
    [InlineData("buses", "bus")]
    [InlineData("status", "stat")]
    [InlineData("the", null)]
    public void Words_normalise_through_stemming_and_the_lexicon(string word, string? expected) =>
        Assert.Equal(expected, TextAnalyzer.Default.Normalize(word));

    [Fact]
    public void The_lexicon_covers_real_hdl_naming() => Assert.True(HdlLexicon.Default.GroupCount >= 150, $"{HdlLexicon.Default.GroupCount} groups");

    private static void CheckIdentifier(string identifier, string expected)
    {
        var terms = new List<string>();
        TextAnalyzer.Default.AnalyzeIdentifier(identifier, terms);
        Assert.Equal(expected, string.Join(' ', terms));
    }
}
