using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax;

namespace Hdl.Design.Verilog;

/// <summary>
/// Finds the signals an expression reads or an lvalue writes. A name chain (`a`, `s.f`, `m[i][3:0]`) is one
/// use: its name is the dotted path and its select the indices as written; index expressions are reads
/// themselves. Calls are not signals, but their arguments are read.
/// </summary>
internal static class SignalReads
{
    public static ImmutableArray<SignalUse> Collect(SyntaxNode expression)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        Walk(expression, uses, conditionsOnly: false);
        return uses.ToImmutable();
    }

    /// <summary>The signals an lvalue writes: one per name chain, concatenations give several.</summary>
    public static ImmutableArray<SignalUse> CollectTargets(SyntaxNode lvalue)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        CollectTargetChains(lvalue, uses);
        return uses.ToImmutable();
    }

    /// <summary>Signals read by the index expressions of an lvalue (`mem[addr] = d` reads addr).</summary>
    public static ImmutableArray<SignalUse> CollectIndexReads(SyntaxNode lvalue)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        foreach (var index in lvalue.DescendantsAndSelf())
        {
            if (index.Kind == "constant_range_or_index")
            {
                Walk(index, uses, conditionsOnly: false);
            }
        }

        return uses.ToImmutable();
    }

    /// <summary>Signals read by the conditions of `?:` operators inside an expression.</summary>
    public static ImmutableArray<SignalUse> CollectConditions(SyntaxNode expression)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        Walk(expression, uses, conditionsOnly: true);
        return uses.ToImmutable();
    }

    private static void Walk(SyntaxNode node, ImmutableArray<SignalUse>.Builder uses, bool conditionsOnly)
    {
        if (conditionsOnly)
        {
            if (node.Kind == "expression" && node.HasChildToken("?") && node.ChildNodes.Count >= 3)
            {
                Walk(node.ChildNodes[0], uses, conditionsOnly: false);
                for (var i = 1; i < node.ChildNodes.Count; i++)
                {
                    Walk(node.ChildNodes[i], uses, conditionsOnly: true);
                }

                return;
            }

            foreach (var child in node.ChildNodes)
            {
                Walk(child, uses, conditionsOnly: true);
            }

            return;
        }

        if (node.Kind == "primary")
        {
            WalkPrimary(node, uses);
            return;
        }

        if (node.Kind is "data_type" or "casting_type" or "type_reference")
        {
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            Walk(child, uses, conditionsOnly: false);
        }
    }

    private static void WalkPrimary(SyntaxNode primary, ImmutableArray<SignalUse>.Builder uses)
    {
        // The signal comes first, then what its indices read: `a[i]` reads a[i], then i.
        var indexReads = ImmutableArray.CreateBuilder<SignalUse>();
        if (TryNameChain(primary, out var name, out var select, indexReads))
        {
            uses.Add(new SignalUse(name, select, primary.Location));
            uses.AddRange(indexReads);
            return;
        }

        foreach (var child in primary.ChildNodes)
        {
            Walk(child, uses, conditionsOnly: false);
        }
    }

    /// <summary>
    /// Reads a chain of identifier, `.member` and `[index]` postfixes. Index expressions inside are walked
    /// as reads. Returns false for anything else (calls, literals, casts), whose parts the caller walks.
    /// </summary>
    private static bool TryNameChain(SyntaxNode primary, out string name, out string? select, ImmutableArray<SignalUse>.Builder indexReads)
    {
        name = string.Empty;
        select = null;
        var children = primary.ChildNodes;
        if (children.Count == 1 && children[0].Kind == "identifier" && !primary.HasChildToken("("))
        {
            name = children[0].Text;
            return true;
        }

        if (children.Count == 0 || children[0].Kind != "primary")
        {
            return false;
        }

        if (primary.HasChildToken("(") || primary.HasChildToken("'") || primary.HasChildToken("with"))
        {
            return false;
        }

        var basePrimary = children[0];
        if (!TryNameChain(basePrimary, out var baseName, out var baseSelect, indexReads))
        {
            return false;
        }

        if (primary.HasChildToken("[") && primary.ChildNode("constant_range_or_index") is { } index)
        {
            Walk(index, indexReads, conditionsOnly: false);
            name = baseName;
            select = (baseSelect ?? string.Empty) + "[" + Compact(index) + "]";
            return true;
        }

        if ((primary.HasChildToken(".") || primary.HasChildToken("::")) && primary.ChildNode("member_name") is { } member)
        {
            name = baseName + (primary.HasChildToken("::") ? "::" : ".") + member.Text;
            select = baseSelect;
            return true;
        }

        return false;
    }

    private static void CollectTargetChains(SyntaxNode node, ImmutableArray<SignalUse>.Builder uses)
    {
        if (node.Kind == "primary")
        {
            var ignoredIndexReads = ImmutableArray.CreateBuilder<SignalUse>();
            if (TryNameChain(node, out var name, out var select, ignoredIndexReads))
            {
                uses.Add(new SignalUse(name, select, node.Location));
                return;
            }
        }

        foreach (var child in node.ChildNodes)
        {
            if (child.Kind is not "constant_range_or_index")
            {
                CollectTargetChains(child, uses);
            }
        }
    }

    /// <summary>An index as written without spaces: `[i+1]`, the form selects are shown in.</summary>
    private static string Compact(SyntaxNode node) => string.Concat(node.DescendantTokens().Select(token => token.Text));
}
