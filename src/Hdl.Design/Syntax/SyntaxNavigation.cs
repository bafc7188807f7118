using System.Text;
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
    public static bool HasToken(this SyntaxNode node, string text)
    {
        foreach (var token in node.ChildTokens())
        {
            if (token.Text == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of the first direct token, or empty.</summary>
    public static string FirstTokenText(this SyntaxNode node)
    {
        foreach (var token in node.ChildTokens())
        {
            return token.Text;
        }

        return string.Empty;
    }

    /// <summary>The node's tokens joined by single spaces where the source had white space: macro output stays readable.</summary>
    public static string CompactText(this SyntaxNode node)
    {
        var builder = new StringBuilder();
        var previousEnd = -1;
        SyntaxToken? previous = null;
        foreach (var token in TokensOf(node))
        {
            if (previous is not null && (token.Span.Start != previousEnd || !ReferenceEquals(token.File, previous.Value.File)))
            {
                builder.Append(' ');
            }

            builder.Append(token.Text);
            previousEnd = token.Span.End;
            previous = token;
        }

        return builder.ToString();
    }

    /// <summary>All tokens under the node, in order.</summary>
    public static IEnumerable<SyntaxToken> TokensOf(SyntaxNode node)
    {
        foreach (var child in node.Children)
        {
            if (child.IsToken)
            {
                if (!child.Token.IsMissing)
                {
                    yield return child.Token;
                }
            }
            else
            {
                foreach (var token in TokensOf(child.Node!))
                {
                    yield return token;
                }
            }
        }
    }
}
