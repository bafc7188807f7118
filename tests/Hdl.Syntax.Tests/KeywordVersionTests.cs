using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests;

/// <summary>Keyword sets follow the language version: .v is 1364-2005, .sv is 1800-2017.</summary>
public class KeywordVersionTests
{
    [Theory]
    [InlineData("top.v", "logic", "SIMPLE_IDENTIFIER")]
    [InlineData("top.v", "interface", "SIMPLE_IDENTIFIER")]
    [InlineData("top.v", "uwire", "UWIRE")]
    [InlineData("top.v", "generate", "GENERATE")]
    [InlineData("top.sv", "logic", "LOGIC")]
    [InlineData("top.sv", "interconnect", "INTERCONNECT")]
    [InlineData("top.svh", "soft", "SOFT")]
    public void Keyword_or_identifier_depends_on_file_version(string path, string word, string expectedKind)
    {
        CheckTokenKind(path, $"module m; wire {word}; endmodule\n", word, expectedKind);
    }

    private static void CheckTokenKind(string path, string source, string word, string expectedKind)
    {
        var tree = SyntaxParser.Parse(SourceText.From(path, source));
        var token = tree.Tokens.First(t => t.Text == word);
        Assert.Equal(expectedKind, token.KindName);
    }
}
