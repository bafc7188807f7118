using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hdl.Design.Model;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;
using QuikGraph;

namespace Hdl.Workspace.Graph;

/// <summary>Builds the repository graph of a snapshot, one file and unit at a time.</summary>
internal sealed class RepositoryGraphBuilder(WorkspaceIndex index, CancellationToken cancellationToken)
{
    private readonly BidirectionalGraph<GraphNode, RepositoryEdge> _graph = new(allowParallelEdges: false);
    private readonly Dictionary<string, GraphNode> _nodesById = new(StringComparer.Ordinal);

    // Nodes are unique by id, so an edge is identified by its end nodes' identities (no string hashing per edge).
    private readonly HashSet<(GraphNode, GraphNode, GraphEdgeKind)> _edges = new(new EdgeKeyComparer());

    // Ports and signals by unit id and name, so looking a name up allocates no id string.
    private readonly Dictionary<(string UnitId, string Name), GraphNode> _ports = [];
    private readonly Dictionary<(string UnitId, string Name), GraphNode> _signals = [];
    private readonly Dictionary<IndexedUnit, string> _unitIds = new(ReferenceEqualityComparer.Instance);

    // Instances are bound as elaboration binds them; one run serves every instance (binding reads the unit table only).
    private readonly ElaborationRun _binder = new(index.Units, ElaborationOptions.Default, cancellationToken);

    public RepositoryGraph Build()
    {
        foreach (var file in index.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fileNode = Node(GraphNodeKind.File, $"file:{file.Path}", file.Path);
            foreach (var included in file.Includes)
            {
                Edge(fileNode, Node(GraphNodeKind.File, $"file:{included}", included), GraphEdgeKind.Includes);
            }
        }

        foreach (var unit in index.Units.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddUnit(unit);
        }

        return RepositoryGraph.FromBuilder(_graph, _nodesById);
    }

    private string UnitId(IndexedUnit unit)
    {
        if (!_unitIds.TryGetValue(unit, out var id))
        {
            id = unit.Kind switch
            {
                DesignUnitKind.Architecture => $"unit:{unit.Symbol.Library ?? "work"}.{unit.Symbol.Owner}({unit.Name})",
                DesignUnitKind.PackageBody => $"unit:{unit.Symbol.Library ?? "work"}.{unit.Name}(body)",
                _ => $"unit:{unit.QualifiedName}",
            };
            _unitIds[unit] = id;
        }

        return id;
    }

    private GraphNode PortNode(string unitId, string name, Hdl.Syntax.Text.Location location)
    {
        if (!_ports.TryGetValue((unitId, name), out var node))
        {
            node = Node(GraphNodeKind.Port, $"port:{unitId}/{name}", name, location);
            _ports[(unitId, name)] = node;
        }

        return node;
    }

    private GraphNode UnitNode(IndexedUnit unit) =>
        Node(unit.Kind is DesignUnitKind.Package or DesignUnitKind.PackageBody ? GraphNodeKind.Package : GraphNodeKind.Unit, UnitId(unit), unit.Name, unit.Symbol.NameLocation);

    private void AddUnit(IndexedUnit unit)
    {
        var unitNode = UnitNode(unit);
        var symbol = unit.Symbol;
        var unitId = UnitId(unit);
        Edge(Node(GraphNodeKind.File, $"file:{unit.Path}", unit.Path), unitNode, GraphEdgeKind.Contains);
        var owner = OwnerOf(unit);
        if (owner is not null)
        {
            Edge(UnitNode(owner), unitNode, GraphEdgeKind.Contains);
        }

        foreach (var port in symbol.Ports)
        {
            Edge(unitNode, PortNode(unitId, port.Name, port.Location), GraphEdgeKind.Contains);
        }

        foreach (var declaration in symbol.Declarations)
        {
            if (declaration.Kind is DeclarationKind.Net or DeclarationKind.Variable or DeclarationKind.Signal or DeclarationKind.SharedVariable)
            {
                var name = declaration.Scope is null ? declaration.Name : $"{declaration.Scope}.{declaration.Name}";
                if (!_signals.TryGetValue((unitId, name), out var signal))
                {
                    signal = Node(GraphNodeKind.Signal, $"signal:{unitId}/{name}", name, declaration.Location);
                    _signals[(unitId, name)] = signal;
                }

                Edge(unitNode, signal, GraphEdgeKind.Contains);
            }
        }

        for (var processIndex = 0; processIndex < symbol.Processes.Length; processIndex++)
        {
            var process = symbol.Processes[processIndex];
            var name = process.Label ?? $"{process.Kind.ToString().ToLowerInvariant()}@{process.Location.Start.Line + 1}";
            var processNode = Node(GraphNodeKind.Process, $"process:{unitId}/{processIndex.ToString(CultureInfo.InvariantCulture)}", name, process.Location);
            Edge(unitNode, processNode, GraphEdgeKind.Contains);
            foreach (var assignment in process.Assignments)
            {
                AddAssignment(unit, processNode, assignment);
            }
        }

        for (var assignIndex = 0; assignIndex < symbol.ContinuousAssignments.Length; assignIndex++)
        {
            var assignment = symbol.ContinuousAssignments[assignIndex];
            var target = assignment.Targets.IsEmpty ? "?" : assignment.Targets[0].Name;
            var assignNode = Node(GraphNodeKind.Process, $"process:{unitId}/assign{assignIndex.ToString(CultureInfo.InvariantCulture)}", $"assign {target}", assignment.Location);
            Edge(unitNode, assignNode, GraphEdgeKind.Contains);
            AddAssignment(unit, assignNode, assignment);
        }

        foreach (var instance in symbol.Instances)
        {
            AddInstance(unit, unitNode, instance);
        }

        foreach (var package in PackagesUsedBy(unit))
        {
            Edge(unitNode, UnitNode(package), GraphEdgeKind.Imports);
        }
    }

    private void AddAssignment(IndexedUnit unit, GraphNode processNode, AssignmentSymbol assignment)
    {
        foreach (var target in assignment.Targets)
        {
            if (SignalOrPort(unit, target.Name) is { } written)
            {
                Edge(processNode, written, GraphEdgeKind.Drives);
            }
        }

        foreach (var read in assignment.DataReads.Concat(assignment.ControlReads))
        {
            if (SignalOrPort(unit, read.Name) is { } source)
            {
                Edge(processNode, source, GraphEdgeKind.Reads);
            }
        }
    }

    private void AddInstance(IndexedUnit unit, GraphNode unitNode, InstanceSymbol instance)
    {
        var name = instance.Scope is null ? instance.InstanceName : $"{instance.Scope}.{instance.InstanceName}";
        var instanceNode = Node(GraphNodeKind.Instance, $"instance:{UnitId(unit)}/{name}", name, instance.Location);
        Edge(unitNode, instanceNode, GraphEdgeKind.Contains);
        var binding = _binder.Bind(instance, unit);
        if (binding.Unit is null)
        {
            return;
        }

        var child = binding.Unit;
        Edge(instanceNode, UnitNode(child), GraphEdgeKind.Instantiates);
        var comparison = unit.IsVhdl || child.IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var connection in instance.Ports)
        {
            var port = connection.Formal is not null
                ? child.Symbol.Ports.FirstOrDefault(candidate => string.Equals(candidate.Name, connection.Formal.Split('(', '[')[0].Trim(), comparison))
                : connection.Position < child.Symbol.Ports.Length ? child.Symbol.Ports[connection.Position] : null;
            if (port is null)
            {
                continue;
            }

            var portNode = PortNode(UnitId(child), port.Name, port.Location);

            // `.name` connects the signal of the same name; otherwise the signals the actual expression uses.
            var signals = connection.IsImplicit ? [port.Name] : connection.Signals.Select(use => use.Name);
            foreach (var signal in signals)
            {
                if (SignalOrPort(unit, signal) is { } parentNode)
                {
                    Edge(parentNode, portNode, GraphEdgeKind.Connects);
                }
            }
        }
    }

    /// <summary>The node of a name in a unit: its port, else its signal (also for an architecture, its entity's port).</summary>
    private GraphNode? SignalOrPort(IndexedUnit unit, string name)
    {
        var unitId = UnitId(unit);
        if (_ports.TryGetValue((unitId, name), out var port) || _signals.TryGetValue((unitId, name), out port))
        {
            return port;
        }

        var owner = OwnerOf(unit);
        if (owner is not null)
        {
            foreach (var ownerPort in owner.Symbol.Ports)
            {
                if (string.Equals(ownerPort.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return PortNode(UnitId(owner), ownerPort.Name, ownerPort.Location);
                }
            }
        }

        // VHDL names are case-insensitive: look again ignoring case among the unit's own ports and signals.
        if (unit.IsVhdl)
        {
            foreach (var candidate in unit.Symbol.Ports.Select(item => (_ports, item.Name)).Concat(unit.Symbol.Declarations.Select(item => (_signals, item.Name))))
            {
                if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase) && candidate.Item1.TryGetValue((unitId, candidate.Name), out var found))
                {
                    return found;
                }
            }
        }

        return null;
    }

    private IndexedUnit? OwnerOf(IndexedUnit unit)
    {
        if (unit.Symbol.Owner is null || !unit.IsVhdl)
        {
            return null;
        }

        return index.Units.FindVhdl(unit.Symbol.Library ?? "work", unit.Symbol.Owner);
    }

    /// <summary>Packages imported (`import p::*`, `use lib.p.all`) or named with `p::` in types, parameters and connections.</summary>
    private ImmutableArray<IndexedUnit> PackagesUsedBy(IndexedUnit unit)
    {
        var packages = new List<IndexedUnit>();
        void Add(IndexedUnit? package)
        {
            if (package is not null && package.Kind == DesignUnitKind.Package && !ReferenceEquals(package, unit) && !packages.Contains(package))
            {
                packages.Add(package);
            }
        }

        foreach (var import in unit.Symbol.Imports)
        {
            Add(unit.IsVhdl
                ? index.Units.FindVhdl(import.Library is null or "work" ? unit.Symbol.Library ?? "work" : import.Library, import.Package) ?? index.Units.FindVhdlInAnyLibrary(import.Package)
                : index.Units.FindVerilog(import.Package));
        }

        if (!unit.IsVhdl)
        {
            var texts = unit.Symbol.Parameters.Select(parameter => parameter.DefaultValue ?? string.Empty)
                .Concat(unit.Symbol.Parameters.Select(parameter => parameter.Type.Text))
                .Concat(unit.Symbol.Ports.Select(port => port.Type.Text))
                .Concat(unit.Symbol.Declarations.Select(declaration => declaration.Type.Text + " " + declaration.InitialValue))
                .Concat(unit.Symbol.Instances.SelectMany(instance => instance.Parameters.Concat(instance.Ports)).Select(connection => connection.Actual ?? string.Empty))
                .Concat(unit.Symbol.References.Select(reference => reference.Name));
            foreach (var text in texts)
            {
                var at = text.IndexOf("::", StringComparison.Ordinal);
                while (at > 0)
                {
                    var start = at;
                    while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
                    {
                        start--;
                    }

                    Add(index.Units.FindVerilog(text[start..at]));
                    at = text.IndexOf("::", at + 2, StringComparison.Ordinal);
                }
            }
        }

        return [.. packages];
    }

    private GraphNode Node(GraphNodeKind kind, string id, string name, Hdl.Syntax.Text.Location? location = null)
    {
        if (_nodesById.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var node = new GraphNode(kind, id, name) { Location = location };
        _nodesById[id] = node;
        _graph.AddVertex(node);
        return node;
    }

    private void Edge(GraphNode source, GraphNode target, GraphEdgeKind kind)
    {
        if (_edges.Add((source, target, kind)))
        {
            _graph.AddEdge(new RepositoryEdge(source, target, kind));
        }
    }

    private sealed class EdgeKeyComparer : IEqualityComparer<(GraphNode Source, GraphNode Target, GraphEdgeKind Kind)>
    {
        public bool Equals((GraphNode Source, GraphNode Target, GraphEdgeKind Kind) x, (GraphNode Source, GraphNode Target, GraphEdgeKind Kind) y) =>
            ReferenceEquals(x.Source, y.Source) && ReferenceEquals(x.Target, y.Target) && x.Kind == y.Kind;

        public int GetHashCode((GraphNode Source, GraphNode Target, GraphEdgeKind Kind) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Source), RuntimeHelpers.GetHashCode(obj.Target), obj.Kind);
    }
}
