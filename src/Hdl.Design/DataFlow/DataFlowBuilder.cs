using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax;

namespace Hdl.Design.DataFlow;

/// <summary>Builds a unit's <see cref="DataFlowGraph"/> from the assignments of its design model.</summary>
public static class DataFlowBuilder
{
    /// <param name="interfaceUnit">Where the ports and generics are declared when that is another unit: a VHDL architecture's entity.</param>
    public static DataFlowGraph Build(DesignUnitSymbol unit, DesignUnitSymbol? interfaceUnit = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var comparer = unit.Language == HdlLanguage.Vhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var nodes = new Dictionary<string, DataFlowNode>(comparer);
        var interfacePorts = new HashSet<string>(comparer);
        var ports = interfaceUnit is null ? unit.Ports : interfaceUnit.Ports.AddRange(unit.Ports);
        var parameters = interfaceUnit is null ? unit.Parameters : interfaceUnit.Parameters.AddRange(unit.Parameters);
        foreach (var port in ports)
        {
            nodes[port.Name] = new DataFlowNode(port.Name, DataFlowNodeKind.Port, port.Location) { Direction = port.Direction };
            if (port.Direction == PortDirection.Interface)
            {
                interfacePorts.Add(port.Name);
            }
        }

        foreach (var parameter in parameters)
        {
            nodes.TryAdd(parameter.Name, new DataFlowNode(parameter.Name, DataFlowNodeKind.Constant, parameter.Location));
        }

        foreach (var declaration in unit.Declarations)
        {
            var kind = declaration.Kind switch
            {
                DeclarationKind.Net or DeclarationKind.Signal => DataFlowNodeKind.Signal,
                DeclarationKind.Variable or DeclarationKind.SharedVariable => DataFlowNodeKind.Variable,
                DeclarationKind.Constant or DeclarationKind.EnumMember or DeclarationKind.Genvar => DataFlowNodeKind.Constant,
                _ => (DataFlowNodeKind?)null,
            };
            if (kind is not null && !nodes.ContainsKey(declaration.Name))
            {
                nodes[declaration.Name] = new DataFlowNode(declaration.Name, kind.Value, declaration.Location);
            }
        }

        var edges = ImmutableArray.CreateBuilder<DataFlowEdge>();
        foreach (var assignment in unit.ContinuousAssignments)
        {
            AddEdges(assignment, process: null, nodes, interfacePorts, edges);
        }

        foreach (var process in unit.Processes)
        {
            foreach (var assignment in process.Assignments)
            {
                AddEdges(assignment, process, nodes, interfacePorts, edges);
            }
        }

        return new DataFlowGraph(unit.Name, nodes.Values, edges.ToImmutable(), comparer);
    }

    private static void AddEdges(AssignmentSymbol assignment, ProcessSymbol? process, Dictionary<string, DataFlowNode> nodes, HashSet<string> interfacePorts, ImmutableArray<DataFlowEdge>.Builder edges)
    {
        foreach (var target in assignment.Targets)
        {
            var (targetName, targetSelect) = NodeName(target, nodes, interfacePorts);
            foreach (var read in assignment.DataReads)
            {
                AddEdge(read, targetName, targetSelect, DataFlowEdgeKind.Data);
            }

            foreach (var read in assignment.ControlReads)
            {
                AddEdge(read, targetName, targetSelect, DataFlowEdgeKind.Control);
            }
        }

        void AddEdge(SignalUse read, string targetName, string? targetSelect, DataFlowEdgeKind kind)
        {
            // Constants, parameters, enum members and package items (`pkg::X`) carry no data flow of their own.
            if (read.Name.Contains("::", StringComparison.Ordinal))
            {
                return;
            }

            var (sourceName, sourceSelect) = NodeName(read, nodes, interfacePorts);
            if (nodes.TryGetValue(sourceName, out var source) && source.Kind == DataFlowNodeKind.Constant)
            {
                return;
            }

            edges.Add(new DataFlowEdge(sourceName, targetName, kind, assignment.Location)
            {
                SourceSelect = sourceSelect,
                TargetSelect = targetSelect,
                Process = process is null ? null : process.Label ?? ProcessKindName(process.Kind),
                Clock = process?.Clock,
                Reset = process?.Reset,
            });
        }
    }

    /// <summary>
    /// The node a use belongs to: the declared name itself, or for `s.field` of a declared struct signal `s`,
    /// `s` with `.field` kept as the select. Members of interface ports stay whole (`bus.valid`): they are
    /// the interface's signals. Undeclared names become nodes of their own.
    /// </summary>
    private static (string Name, string? Select) NodeName(SignalUse use, Dictionary<string, DataFlowNode> nodes, HashSet<string> interfacePorts)
    {
        var name = use.Name;
        if (!nodes.ContainsKey(name))
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                var head = name[..dot];
                if (nodes.ContainsKey(head) && !interfacePorts.Contains(head))
                {
                    return (head, name[dot..] + use.Select);
                }
            }

            nodes[name] = new DataFlowNode(name, DataFlowNodeKind.Undeclared, null);
        }

        return (name, use.Select);
    }

    private static string ProcessKindName(ProcessKind kind) => kind switch
    {
        ProcessKind.AlwaysFf => "always_ff",
        ProcessKind.AlwaysComb => "always_comb",
        ProcessKind.AlwaysLatch => "always_latch",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
