using System.Text;

namespace Hdl.Syntax;

/// <summary>
/// Renders trees as S-expressions of rule names, the form grammar corpus tests compare. A rule with
/// exactly one child rule and no tokens of its own is shown as that child, so the expected trees name
/// what a construct is and do not change when pass-through rules are refactored.
/// </summary>
public static class SyntaxTreeDump
{
    public static string ToSExpression(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        Append(builder, node, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, SyntaxNode node, int depth)
    {
        node = SkipPassThrough(node);
        builder.Append('(').Append(node.Kind);
        if (node.HasError)
        {
            builder.Append(" ERROR");
        }

        foreach (var child in node.ChildNodes)
        {
            builder.Append('\n').Append(' ', (depth + 1) * 2);
            Append(builder, child, depth + 1);
        }

        builder.Append(')');
    }

    private static SyntaxNode SkipPassThrough(SyntaxNode node)
    {
        while (node.ChildNodes.Count == 1 && !node.HasError && !HasOwnTokens(node))
        {
            node = node.ChildNodes[0];
        }

        return node;
    }

    private static bool HasOwnTokens(SyntaxNode node)
    {
        foreach (var child in node.Children)
        {
            if (child.IsToken)
            {
                return true;
            }
        }

        return false;
    }
}
