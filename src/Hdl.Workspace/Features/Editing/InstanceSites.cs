using System.Globalization;
using Hdl.Design.Model;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features.Editing;

/// <summary>An instance statement in a file, the unit it is written in, and the module or entity it binds to (null when unresolved).</summary>
internal sealed record InstanceSite(IndexedUnit Parent, InstanceSymbol Instance, IndexedUnit? Target)
{
    public bool IsVhdl => Parent.IsVhdl;
}

/// <summary>The instance statements of one file bound as elaboration binds them, and port widths as elaboration computed them.</summary>
internal static class InstanceSites
{
    public static IEnumerable<InstanceSite> In(WorkspaceIndex index, string path)
    {
        foreach (var unit in index.Units.All)
        {
            if (unit.Path != path)
            {
                continue;
            }

            foreach (var instance in unit.Symbol.Instances)
            {
                if (instance.Kind == InstanceKind.Primitive)
                {
                    continue;
                }

                var binding = HierarchyElaborator.Bind(index.Units, instance, unit);
                yield return new InstanceSite(unit, instance, binding.Resolution == InstanceResolution.Resolved ? binding.Unit : null);
            }
        }
    }

    /// <summary>
    /// Port widths per instance site (by the location of its name): a width is kept only when every elaborated occurrence
    /// of the site agrees, since the same statement can be elaborated with different parameters.
    /// </summary>
    public static Dictionary<Hdl.Syntax.Text.Location, Dictionary<string, int?>> ElaboratedWidths(InstanceHierarchy? hierarchy, string path, CancellationToken cancellationToken)
    {
        var widths = new Dictionary<Hdl.Syntax.Text.Location, Dictionary<string, int?>>();
        if (hierarchy is null)
        {
            return widths;
        }

        var visited = new HashSet<HierarchyNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<HierarchyNode>(hierarchy.Tops);
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = stack.Pop();
            if (!visited.Add(node))
            {
                continue;
            }

            if (node.Location is { } location && location.Path == path)
            {
                if (!widths.TryGetValue(location, out var ports))
                {
                    ports = node.Ports.ToDictionary(port => port.Name, port => port.Width, node.Unit?.IsVhdl == true ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                    widths[location] = ports;
                }
                else
                {
                    foreach (var port in node.Ports)
                    {
                        if (ports.TryGetValue(port.Name, out var width) && width != port.Width)
                        {
                            ports[port.Name] = null;
                        }
                    }
                }
            }

            foreach (var child in node.Children)
            {
                stack.Push(child);
            }
        }

        return widths;
    }

    /// <summary>The port a connection names, or the one at its position.</summary>
    public static PortSymbol? PortOf(IndexedUnit target, ConnectionSymbol connection)
    {
        var ports = target.Symbol.Ports;
        if (connection.Formal is { } formal)
        {
            // A VHDL formal may be sliced or converted (`d(3 downto 0)`, `to_integer(x)`): the port is its first name.
            var comparison = target.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var names = target.IsVhdl ? FormalNames(formal) : [formal];
            return names.Select(name => ports.FirstOrDefault(port => string.Equals(port.Name, name, comparison))).FirstOrDefault(port => port is not null);
        }

        return connection.Position >= 0 && connection.Position < ports.Length ? ports[connection.Position] : null;
    }

    /// <summary>The direction and type of a port as a hint shows it, with the width computed where elaboration could.</summary>
    public static string Describe(PortSymbol port, bool isVhdl, int? width)
    {
        var direction = isVhdl
            ? port.Direction switch
            {
                PortDirection.In => "in",
                PortDirection.Out => "out",
                PortDirection.InOut => "inout",
                PortDirection.Buffer => "buffer",
                PortDirection.Linkage => "linkage",
                _ => string.Empty,
            }
            : port.Direction switch
            {
                PortDirection.In => "input",
                PortDirection.Out => "output",
                PortDirection.InOut => "inout",
                PortDirection.Ref => "ref",
                _ => string.Empty,
            };
        if (port.Direction == PortDirection.Interface)
        {
            return port.Type.Text;
        }

        var shape = isVhdl ? VhdlShape(port.Type.Text, width) : VerilogShape(port.Type, width);
        return shape.Length == 0 ? direction : $"{direction} {shape}";
    }

    private static string VerilogShape(TypeSymbol type, int? width)
    {
        if (width is { } bits)
        {
            return bits > 1 ? string.Create(CultureInfo.InvariantCulture, $"[{bits - 1}:0]") : string.Empty;
        }

        // Not computable (a parameter no top sets, a typedef): the dimensions as written.
        return type.PackedDimensions.IsDefaultOrEmpty ? string.Empty : string.Concat(type.PackedDimensions.Select(dimension => dimension.StartsWith('[') ? dimension : $"[{dimension}]"));
    }

    private static string VhdlShape(string typeText, int? width)
    {
        var open = typeText.IndexOf('(', StringComparison.Ordinal);
        return width is { } bits && bits > 1 && open > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{typeText[..open].Trim()}({bits - 1} downto 0)")
            : typeText;
    }

    /// <summary>The names a VHDL formal may denote a port by: `d` of `d(3 downto 0)` (a slice), `x` of `to_integer(x)` (a conversion).</summary>
    private static IEnumerable<string> FormalNames(string formal)
    {
        var open = formal.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            yield return formal.Trim();
            yield break;
        }

        yield return formal[..open].Trim();
        var close = formal.LastIndexOf(')');
        if (close > open)
        {
            yield return formal[(open + 1)..close].Trim();
        }
    }
}
