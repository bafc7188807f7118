using System.Globalization;
using System.Text;

namespace Hdl.Design.DataFlow;

/// <summary>Text exports of a unit's data-flow graph for people and tools: Graphviz dot and Mermaid.</summary>
public static class DataFlowFormats
{
    /// <summary>Graphviz: ports as boxes (inputs left, outputs right), signals as ellipses, control edges dashed.</summary>
    public static string ToDot(DataFlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var builder = new StringBuilder();
        builder.Append("digraph ").Append(Quote(graph.UnitName)).Append(" {\n  rankdir=LR;\n");
        foreach (var node in graph.Nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            if (node.Kind == DataFlowNodeKind.Constant)
            {
                continue;
            }

            var shape = node.Kind switch
            {
                DataFlowNodeKind.Port => "box",
                DataFlowNodeKind.Undeclared => "plaintext",
                _ => "ellipse",
            };
            builder.Append("  ").Append(Quote(node.Name)).Append(" [shape=").Append(shape);
            if (node.Direction is { } direction)
            {
                builder.Append(", xlabel=").Append(Quote(direction.ToString().ToLowerInvariant()));
            }

            builder.Append("];\n");
        }

        foreach (var edge in DistinctEdges(graph))
        {
            builder.Append("  ").Append(Quote(edge.Source)).Append(" -> ").Append(Quote(edge.Target));
            builder.Append(edge.Kind == DataFlowEdgeKind.Control ? " [style=dashed" : " [style=solid");
            if (edge.Process is not null)
            {
                builder.Append(", label=").Append(Quote(edge.Process));
            }

            builder.Append("];\n");
        }

        return builder.Append("}\n").ToString();
    }

    /// <summary>Mermaid flowchart: `-->` for data, `-.->` for control, node ids made safe, names kept as labels.</summary>
    public static string ToMermaid(DataFlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string name)
        {
            if (!ids.TryGetValue(name, out var id))
            {
                id = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
                ids[name] = id;
            }

            return id;
        }

        var builder = new StringBuilder("flowchart LR\n");
        foreach (var node in graph.Nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            if (node.Kind == DataFlowNodeKind.Constant)
            {
                continue;
            }

            var label = node.Name.Replace("\"", "#quot;", StringComparison.Ordinal);
            builder.Append("  ").Append(Id(node.Name)).Append(node.Kind == DataFlowNodeKind.Port ? "[\"" : "(\"").Append(label)
                .Append(node.Kind == DataFlowNodeKind.Port ? "\"]" : "\")").Append('\n');
        }

        foreach (var edge in DistinctEdges(graph))
        {
            builder.Append("  ").Append(Id(edge.Source)).Append(edge.Kind == DataFlowEdgeKind.Control ? " -.-> " : " --> ").Append(Id(edge.Target)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>One edge per source, target and kind: a picture needs the connection, not every assignment.</summary>
    private static IEnumerable<DataFlowEdge> DistinctEdges(DataFlowGraph graph)
    {
        var seen = new HashSet<(string, string, DataFlowEdgeKind)>();
        foreach (var edge in graph.Edges)
        {
            if (seen.Add((edge.Source, edge.Target, edge.Kind)))
            {
                yield return edge;
            }
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
