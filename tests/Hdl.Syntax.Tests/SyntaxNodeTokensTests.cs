using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests;

/// <summary>
/// A node's tokens are the parser's tokens from its first to its last, after preprocessing: macro output included,
/// and equally so when the file has a syntax error and the second, recovering parse built the tree.
/// </summary>
public class SyntaxNodeTokensTests
{
    [Fact]
    public void Tokens_of_each_module_are_its_own_including_macro_output()
    {
        const string source = """
            `define WIDTH 8
            module a; wire [`WIDTH-1:0] x; endmodule
            module b; assign y = 1; endmodule
            """;

        var tree = SyntaxParser.Parse(SourceText.From("top.sv", source));

        Assert.Empty(tree.Diagnostics);
        Assert.Equal(
            ["module a ; wire [ 8 - 1 : 0 ] x ; endmodule", "module b ; assign y = 1 ; endmodule"],
            ModuleTokens(tree));
    }

    [Fact]
    public void Tokens_of_each_module_are_its_own_after_a_syntax_error()
    {
        const string source = """
            module a; wire x endmodule
            module b; assign y = 1; endmodule
            """;

        var tree = SyntaxParser.Parse(SourceText.From("top.sv", source));

        var error = Assert.Single(tree.Diagnostics);
        Assert.Equal("top.sv:1:18", error.Location.ToString());
        Assert.Equal(
            ["module a ; wire x endmodule", "module b ; assign y = 1 ; endmodule"],
            ModuleTokens(tree));
    }

    private static string[] ModuleTokens(SyntaxTree tree) =>
        [.. tree.Root.DescendantsAndSelf()
            .Where(node => node.Kind == "module_declaration")
            .Select(node => string.Join(' ', node.DescendantTokens().Where(token => !token.IsMissing).Select(token => token.Text)))];
}
