using Hdl.Retrieval.Text;

namespace Hdl.Retrieval.Tests;

/// <summary>
/// A concept of the glossary links phrases that share no word: the identifier a designer writes and the words a
/// question uses. Texts are matched after the same analysis as everything else (sub-tokens, lexicon, stemming).
/// </summary>
public sealed class ConceptGlossaryTests
{
    private static readonly HdlConceptGlossary Glossary = HdlConceptGlossary.Default;

    private static string[] Named(string text)
    {
        var counts = Glossary.Count(TextAnalyzer.Default.AnalyzeQuery(text));
        return [.. Glossary.Concepts.Where((_, concept) => counts[concept] > 0)];
    }

    [Fact]
    public void A_concept_links_an_abbreviated_identifier_and_a_plain_english_phrase()
    {
        Assert.Contains("popcount", Named("assign ones = popcnt(operand_a);"));
        Assert.Contains("popcount", Named("counts the number of ones in the operand"));
        Assert.Contains("gray_code", Named("wr_ptr_gray_q <= bin2gray(wr_ptr_bin);"));
        Assert.Contains("gray_code", Named("pointers are passed across in gray code"));
        Assert.Contains("cdc", Named("two flop synchronizer for the clock domain crossing"));
    }

    [Fact]
    public void The_words_of_a_phrase_may_come_in_another_order_and_with_a_word_between()
    {
        Assert.Contains("popcount", Named("how many bits are set"));
        Assert.Contains("popcount", Named("bits_set"));
        Assert.DoesNotContain("popcount", Named("set the mode; the status register has eight bits and the counter wraps around"));
    }

    [Fact]
    public void Phrases_meet_the_lexicon_normalised_words_so_abbreviations_of_their_words_match_too()
    {
        // "clock gate" is analysed to clk + gate, which `clk_gate` and "gated clock" give as well.
        Assert.Contains("clock_gate", Named("clk_gate u_gate (.clk_i, .en_i, .clk_o);"));
        Assert.Contains("clock_gate", Named("the gated clock of the core"));
    }

    [Fact]
    public void A_concept_named_by_an_identifier_and_its_parts_counts_once()
    {
        var counts = Glossary.Count(TextAnalyzer.Default.AnalyzeQuery("bin_to_gray"));

        Assert.Equal(0, counts[Glossary.Concepts.IndexOf("popcount")]);
        Assert.Equal(1, counts[Glossary.Concepts.IndexOf("gray_code")]);
    }

    [Fact]
    public void Text_naming_no_concept_gives_no_counts()
    {
        Assert.Empty(Named("assign y = a & b;"));
    }

    [Fact]
    public void A_custom_glossary_ignores_concepts_without_phrases_and_phrases_of_only_stop_words()
    {
        var glossary = new HdlConceptGlossary(TextAnalyzer.Default, [["lonely"], ["empty_phrase", "the of", "round robin"]]);

        Assert.Equal("empty_phrase", Assert.Single(glossary.Concepts));
        Assert.Equal([1], glossary.Count(TextAnalyzer.Default.AnalyzeQuery("a round robin arbiter")));
        Assert.Equal([0], glossary.Count(TextAnalyzer.Default.AnalyzeQuery("the of")));
    }
}
