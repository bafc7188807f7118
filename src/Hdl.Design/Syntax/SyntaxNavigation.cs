using Hdl.Syntax;

namespace Hdl.Design.Syntax;

/// <summary>Small queries over syntax nodes that both language builders use.</summary>
internal static class SyntaxNavigation
{
    /// <summary>Direct child nodes of a kind.</summary>
    public static IEnumerable<SyntaxNode> Children(this SyntaxNode node, string kind)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.Kind == kind)
            {
                yield return child;
            }
        }
    }

    /// <summary>Descendants of a kind, not looking inside nodes of that kind or of any kind in <paramref name="stopAt"/>.</summary>
    public static IEnumerable<SyntaxNode> Descendants(this SyntaxNode node, string kind, params string[] stopAt)
    {
        var stack = new Stack<SyntaxNode>();
        for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
        {
            stack.Push(node.ChildNodes[i]);
        }

        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current.Kind == kind)
            {
                yield return current;
                continue;
            }

            if (Array.IndexOf(stopAt, current.Kind) >= 0)
            {
                continue;
            }

            var children = current.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>
    /// The data type of a SystemVerilog net declaration, or null when implicit: the grammar gives a net's type one of
    /// three shapes (net_data_type, a bare class_type, or parameterized_net_type) so that a delay after it needs no long
    /// look-ahead; all three cover exactly the type's text.
    /// </summary>
    public static SyntaxNode? NetDataType(this SyntaxNode netDeclaration) =>
        netDeclaration.ChildNode("net_data_type") ?? netDeclaration.ChildNode("class_type") ?? netDeclaration.ChildNode("parameterized_net_type");

    /// <summary>The first child node, whatever its kind, or null.</summary>
    public static SyntaxNode? FirstChildNode(this SyntaxNode node) => node.ChildNodes.Count > 0 ? node.ChildNodes[0] : null;

    /// <summary>The first descendant (or self) of a kind, depth first.</summary>
    public static SyntaxNode? FirstDescendant(this SyntaxNode node, string kind)
    {
        if (node.Kind == kind)
        {
            return node;
        }

        foreach (var found in node.Descendants(kind))
        {
            return found;
        }

        return null;
    }

    /// <summary>True when the node has a direct token with this text (keywords, operators).</summary>
    public static bool HasToken(this SyntaxNode node, string text) => node.HasChildToken(text);

    /// <summary>The text of the first direct token, or empty.</summary>
    public static string FirstTokenText(this SyntaxNode node) => node.FirstChildTokenText();

    /// <summary>The node's tokens joined by single spaces where the source had white space: macro output stays readable.</summary>
    public static string CompactText(this SyntaxNode node) => node.ToDisplayText();
}
