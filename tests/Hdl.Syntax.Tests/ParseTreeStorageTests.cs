using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Hdl.Syntax.Parsing;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests;

/// <summary>
/// The parser's own containers (<see cref="ChildList"/> for a node's children, <see cref="TokenListStream"/> for its
/// input) behave as the ANTLR types they replace where ANTLR uses them.
/// </summary>
public class ParseTreeStorageTests
{
    [Fact]
    public void Child_list_keeps_order_past_the_children_held_in_fields()
    {
        var nodes = Enumerable.Range(0, 7).Select(Terminal).ToArray();
        var list = new ChildList(nodes[0]);
        foreach (var node in nodes.Skip(1))
        {
            list.Add(node);
        }

        Assert.Equal(nodes, list);
        Assert.Equal(7, list.Count);
        Assert.Same(nodes[4], list[4]);
        Assert.Equal(5, list.IndexOf(nodes[5]));
    }

    [Fact]
    public void Child_list_removes_the_last_child_as_a_labelled_alternative_does()
    {
        var nodes = Enumerable.Range(0, 3).Select(Terminal).ToArray();
        var list = new ChildList(nodes[0]) { nodes[1], nodes[2] };

        list.RemoveAt(list.Count - 1);
        list.RemoveAt(0);

        Assert.Equal([nodes[1]], list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
    }

    [Fact]
    public void Child_list_inserts_at_any_position()
    {
        var nodes = Enumerable.Range(0, 4).Select(Terminal).ToArray();
        var list = new ChildList(nodes[1]) { nodes[3] };

        list.Insert(0, nodes[0]);
        list.Insert(2, nodes[2]);

        Assert.Equal(nodes, list);
    }

    [Fact]
    public void A_parsed_node_with_many_children_lists_them_in_source_order()
    {
        var tree = SyntaxParser.Parse(SourceText.From("m.sv", "module m; wire a, b, c, d, e; endmodule"));

        var declaration = tree.Root.DescendantsAndSelf().First(node => node.Kind == "list_of_net_decl_assignments");

        Assert.Equal(["a", ",", "b", ",", "c", ",", "d", ",", "e"], declaration.DescendantTokens().Select(token => token.Text));
        Assert.Equal(5, declaration.ChildNodes.Count);
    }

    [Fact]
    public void Token_stream_looks_back_and_ahead_and_stops_at_end_of_file()
    {
        var stream = new TokenListStream(Tokens("a", "b"), CancellationToken.None);

        Assert.Null(stream.LT(-1));
        stream.Consume();
        Assert.Equal("a", stream.LT(-1).Text);
        Assert.Equal("b", stream.LT(1).Text);
        Assert.Equal(TokenConstants.EOF, stream.LA(2));
        Assert.Equal(TokenConstants.EOF, stream.LA(50));
        stream.Consume();
        Assert.Throws<InvalidOperationException>(stream.Consume);
        Assert.Equal("ab", stream.GetText());
    }

    [Fact]
    public void Token_stream_numbers_its_tokens_as_tree_nodes_expect()
    {
        var tokens = Tokens("a", "b", "c");

        var stream = new TokenListStream(tokens, CancellationToken.None);
        stream.Seek(2);

        Assert.Equal([0, 1, 2, 3], tokens.Select(token => token.TokenIndex));
        Assert.Equal("c", stream.LT(1).Text);
        Assert.Equal("bc", stream.GetText(tokens[1], tokens[2]));
    }

    [Fact]
    public void Token_stream_stops_a_parse_whose_request_was_cancelled()
    {
        var tokens = Tokens(Enumerable.Repeat("x", 10_000).ToArray());
        using var cancellation = new CancellationTokenSource();
        var stream = new TokenListStream(tokens, cancellation.Token);
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
        {
            while (stream.LA(1) != TokenConstants.EOF)
            {
                stream.Consume();
            }
        });
    }

    [Fact]
    public void Token_stream_needs_the_end_of_file_token()
    {
        var tokens = Tokens("a");
        tokens.RemoveAt(tokens.Count - 1);

        Assert.Throws<ArgumentException>(() => new TokenListStream(tokens, CancellationToken.None));
    }

    private static ITerminalNode Terminal(int index) => new TerminalNodeImpl(new CommonToken(1, index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static List<HdlToken> Tokens(params string[] texts)
    {
        var file = SourceText.From("t.sv", string.Concat(texts));
        var tokens = new List<HdlToken>();
        var offset = 0;
        foreach (var text in texts)
        {
            tokens.Add(HdlToken.Synthesized(1, text, file, new TextSpan(offset, text.Length), new LinePosition(0, offset), null));
            offset += text.Length;
        }

        tokens.Add(HdlToken.Synthesized(TokenConstants.EOF, "<EOF>", file, new TextSpan(offset, 0), new LinePosition(0, offset), null));
        return tokens;
    }
}
