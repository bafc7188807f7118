using System.Globalization;
using System.Text;

namespace Hdl.Workspace.Elaboration;

/// <summary>How much of each instance the text rendering shows.</summary>
public sealed record HierarchyDumpOptions
{
    public static readonly HierarchyDumpOptions Default = new();

    /// <summary>List each instance's ports with their widths under it.</summary>
    public bool ShowPorts { get; init; }

    /// <summary>Show localparams too, not only the parameters an instance can override.</summary>
    public bool ShowLocalParameters { get; init; }
}

/// <summary>
/// Renders the hierarchy as an indented tree, one instance a line: `u_uart : uart_apb #(DEPTH=8)`, with the
/// architecture of a VHDL entity in parentheses, `?` for a parameter that could not be computed, for-generate loops
/// in brackets and a note for unresolved units. Used by `hdl hierarchy` and by tests.
/// </summary>
public static class HierarchyDump
{
    public static string Render(InstanceHierarchy hierarchy, HierarchyDumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        options ??= HierarchyDumpOptions.Default;
        var text = new StringBuilder();
        foreach (var top in hierarchy.Tops)
        {
            RenderNode(text, top, 0, isTop: true, options);
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>One line for an instance, without indentation or children.</summary>
    public static string Describe(HierarchyNode node, bool isTop, HierarchyDumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        options ??= HierarchyDumpOptions.Default;
        var line = new StringBuilder();
        line.Append(isTop ? node.UnitName : $"{node.Name} : {node.UnitName}");
        if (node.Architecture is not null)
        {
            line.Append('(').Append(node.Architecture.Name).Append(')');
        }

        var shown = node.Parameters.Where(parameter => options.ShowLocalParameters || !parameter.IsLocal).ToList();
        if (shown.Count > 0)
        {
            line.Append(" #(");
            line.AppendJoin(", ", shown.Select(parameter => $"{parameter.Name}={FormatValue(parameter.Value)}"));
            line.Append(')');
        }

        foreach (var loop in node.Loops)
        {
            line.Append(" [for ").Append(loop).Append(']');
        }

        foreach (var condition in node.Conditions)
        {
            line.Append(" [").Append(condition).Append(']');
        }

        var note = node.Resolution switch
        {
            InstanceResolution.Unresolved => " (unresolved)",
            InstanceResolution.Primitive => " (primitive)",
            InstanceResolution.Configuration => " (configuration, not expanded)",
            InstanceResolution.Recursive => " (recursive, not expanded)",
            InstanceResolution.TooDeep => " (too deep, not expanded)",
            _ => string.Empty,
        };
        return line.Append(note).ToString();
    }

    private static void RenderNode(StringBuilder text, HierarchyNode node, int depth, bool isTop, HierarchyDumpOptions options)
    {
        var indent = new string(' ', depth * 2);
        text.Append(indent).Append(Describe(node, isTop, options)).Append('\n');
        if (options.ShowPorts)
        {
            foreach (var port in node.Ports)
            {
                var width = port.Width is { } bits ? bits.ToString(CultureInfo.InvariantCulture) : "?";
                var type = port.Type.Length == 0 ? string.Empty : $" {port.Type}";
                text.Append(indent).Append("  . ").Append(port.Direction.ToString().ToLowerInvariant()).Append(' ').Append(port.Name)
                    .Append(type).Append(" : ").Append(width).Append(" bits\n");
            }
        }

        foreach (var child in node.Children)
        {
            RenderNode(text, child, depth + 1, isTop: false, options);
        }
    }

    private static string FormatValue(ConstantValue? value) => value?.ToString() ?? "?";
}
