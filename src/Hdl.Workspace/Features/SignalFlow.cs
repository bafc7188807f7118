using System.Collections.Immutable;
using Hdl.Design.DataFlow;
using Hdl.Design.Model;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Features;

/// <summary>A signal named by the user: in a unit (`uart_tx.state_q`) or at an instance path (`soc_top.u_uart.u_tx.state_q`).</summary>
/// <remarks><see cref="Instances"/> runs from the top to the instance itself; it is empty for a unit reference.</remarks>
public sealed record SignalReference(string Path, IndexedUnit Unit, string Signal, ImmutableArray<HierarchyNode> Instances);

/// <summary>
/// One step of a driver or load query: the assignment edge inside a unit, or a port connection that crosses an
/// instance boundary (<see cref="IsPortConnection"/>), with the instance path where it happens and its distance.
/// </summary>
public sealed record SignalFlowStep(string Path, string UnitName, DataFlowEdge Edge, int Depth)
{
    public bool IsPortConnection { get; init; }
}

/// <summary>
/// Drivers and loads of signals across a workspace. Inside a unit the unit's data-flow graph answers; at an
/// instance path the query also crosses port connections: an input port is driven by what its parent connects
/// to it, and a signal connected to a child's output port is driven inside that child (and symmetrically for loads).
/// Graphs are built on demand and kept for the life of this object (one per workspace snapshot).
/// </summary>
public sealed class SignalFlow
{
    private readonly WorkspaceIndex _index;
    private readonly Dictionary<IndexedUnit, DataFlowGraph> _graphs = [];
    private readonly Lock _lock = new();

    public SignalFlow(WorkspaceIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
    }

    /// <summary>
    /// Finds `unit.signal`, or `top.inst...signal` in the hierarchy (instance names may carry their generate scope,
    /// `g_trace.u_irq_trace`). Null when no unit or instance matches.
    /// </summary>
    public SignalReference? Resolve(string reference, InstanceHierarchy? hierarchy)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var lastDot = reference.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == reference.Length - 1)
        {
            return null;
        }

        var signal = reference[(lastDot + 1)..];
        var owner = reference[..lastDot];
        if (hierarchy is not null && FindInstance(hierarchy, owner) is { IsDefaultOrEmpty: false } nodes && BodyOf(nodes[^1]) is { } body)
        {
            return new SignalReference(owner, body, signal, nodes);
        }

        return FindUnit(owner) is { } unit ? new SignalReference(owner, unit, signal, []) : null;
    }

    /// <summary>A unit by name; for a VHDL entity, its most recently analysed architecture, where its statements are.</summary>
    public IndexedUnit? FindUnit(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var unit = _index.Units.FindVerilog(name) ?? _index.Units.FindVhdlInAnyLibrary(name);
        if (unit is not null && unit.Kind == DesignUnitKind.Entity && _index.Units.ArchitecturesOf(unit) is { Length: > 0 } architectures)
        {
            return architectures[^1];
        }

        return unit;
    }

    /// <summary>The data-flow graph of a unit; a VHDL architecture's graph includes its entity's ports and generics.</summary>
    /// <summary>
    /// Builds the graphs of a file's units now, so a request that needs one (a hover's driver and load counts) finds it
    /// made: a server calls this right after an edit, while the client is still sending the request.
    /// </summary>
    /// <returns>How many graphs were built (0 when they were made already).</returns>
    public int Prepare(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var built = 0;
        foreach (var unit in _index.Units.UnitsOf(path))
        {
            bool made;
            lock (_lock)
            {
                made = _graphs.ContainsKey(unit);
            }

            if (!made)
            {
                _ = GraphOf(unit);
                built++;
            }
        }

        return built;
    }

    public DataFlowGraph GraphOf(IndexedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        lock (_lock)
        {
            if (!_graphs.TryGetValue(unit, out var graph))
            {
                var entity = unit.Kind == DesignUnitKind.Architecture && unit.Symbol.Owner is { } owner
                    ? _index.Units.FindVhdl(unit.Symbol.Library ?? "work", owner)
                    : null;
                graph = DataFlowBuilder.Build(unit.Symbol, entity?.Symbol);
                _graphs[unit] = graph;
            }

            return graph;
        }
    }

    public ImmutableArray<SignalFlowStep> Drivers(SignalReference start, int maxDepth, CancellationToken cancellationToken) =>
        Walk(start, maxDepth, towardsDrivers: true, cancellationToken);

    public ImmutableArray<SignalFlowStep> Loads(SignalReference start, int maxDepth, CancellationToken cancellationToken) =>
        Walk(start, maxDepth, towardsDrivers: false, cancellationToken);

    /// <summary>Where a query stands: the instance path (top first; empty in unit mode), its unit, and the signal.</summary>
    private sealed record Place(string Path, IndexedUnit Unit, ImmutableArray<HierarchyNode> Instances, string Signal)
    {
        /// <summary>In unit mode, the instance statements the walk went down through from the unit it started in, outermost first.</summary>
        public ImmutableArray<UnitFrame> Trail { get; init; } = [];

        public HierarchyNode? Instance => Instances.IsDefaultOrEmpty ? null : Instances[^1];

        public HierarchyNode? Parent => Instances.IsDefaultOrEmpty || Instances.Length < 2 ? null : Instances[^2];
    }

    private ImmutableArray<SignalFlowStep> Walk(SignalReference start, int maxDepth, bool towardsDrivers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var steps = ImmutableArray.CreateBuilder<SignalFlowStep>();
        var visited = new HashSet<(string, string)>();
        var frontier = new List<Place> { new(start.Path, start.Unit, start.Instances, start.Signal) };
        visited.Add((start.Path, start.Signal));
        for (var depth = 1; depth <= maxDepth && frontier.Count > 0; depth++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = new List<Place>();
            foreach (var place in frontier)
            {
                var graph = GraphOf(place.Unit);
                var edges = towardsDrivers ? graph.DriversOf(place.Signal) : graph.LoadsOf(place.Signal);
                foreach (var edge in edges)
                {
                    steps.Add(new SignalFlowStep(place.Path, place.Unit.Name, edge, depth));
                    Enqueue(place with { Signal = towardsDrivers ? edge.Source : edge.Target });
                }

                foreach (var (crossing, reached) in CrossPorts(place, towardsDrivers))
                {
                    steps.Add(new SignalFlowStep(place.Path, place.Unit.Name, crossing, depth) { IsPortConnection = true });
                    Enqueue(reached);
                }
            }

            frontier = next;

            void Enqueue(Place place)
            {
                if (visited.Add((place.Path, place.Signal)))
                {
                    next.Add(place);
                }
            }
        }

        return steps.ToImmutable();
    }

    /// <summary>An instance statement the unit-mode walk went down through: the unit holding it and the instance's name.</summary>
    private sealed record UnitFrame(IndexedUnit Parent, InstanceSymbol Instance, string Name);

    /// <summary>The port connections a signal takes part in, as edges, with the place on the other side.</summary>
    private IEnumerable<(DataFlowEdge Edge, Place Reached)> CrossPorts(Place place, bool towardsDrivers)
    {
        var comparer = place.Unit.IsVhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        // Up: an input port is driven (an output port is loaded) by what the parent connects to it.
        var port = PortsOf(place.Unit).FirstOrDefault(p => comparer.Equals(p.Name, place.Signal));
        var upwards = port is not null
            && (towardsDrivers ? port.Direction is PortDirection.In or PortDirection.InOut : port.Direction is PortDirection.Out or PortDirection.InOut or PortDirection.Buffer);
        if (upwards && place.Instance is not null && place.Parent is not null && BodyOf(place.Parent) is { } parentUnit)
        {
            var instance = InstanceSymbolOf(parentUnit, place.Instance);
            var parent = new Place(place.Path, parentUnit, place.Instances.RemoveAt(place.Instances.Length - 1), place.Signal);
            foreach (var crossing in CrossUp(place, port!, instance, place.Instance.Name, parent, towardsDrivers))
            {
                yield return crossing;
            }
        }
        else if (upwards && place.Instance is null && !place.Trail.IsDefaultOrEmpty)
        {
            // Unit mode: back out through the instance statement the walk came down by, to the nets of its unit.
            var frame = place.Trail[^1];
            var parent = new Place(place.Path, frame.Parent, [], place.Signal) { Trail = place.Trail.RemoveAt(place.Trail.Length - 1) };
            foreach (var crossing in CrossUp(place, port!, frame.Instance, frame.Name, parent, towardsDrivers))
            {
                yield return crossing;
            }
        }

        // Down: a signal connected to a child's output port is driven there (to an input port, loaded there).
        foreach (var (childName, childUnit, instance, childInstances) in ChildrenOf(place))
        {
            var childPorts = PortsOf(childUnit);
            foreach (var childPort in childPorts)
            {
                var wantedDirection = towardsDrivers
                    ? childPort.Direction is PortDirection.Out or PortDirection.InOut or PortDirection.Buffer
                    : childPort.Direction is PortDirection.In or PortDirection.InOut;
                if (!wantedDirection)
                {
                    continue;
                }

                var connection = ConnectionFor(instance, childPort, childPorts);
                var connected = connection is not null
                    ? connection.Signals.Any(signal => comparer.Equals(signal.Name, place.Signal))
                    : instance.HasWildcardConnection && comparer.Equals(childPort.Name, place.Signal);
                if (!connected)
                {
                    continue;
                }

                var location = connection?.Location ?? instance.Location;
                var edge = towardsDrivers
                    ? new DataFlowEdge($"{childName}.{childPort.Name}", place.Signal, DataFlowEdgeKind.Data, location) { Process = childName }
                    : new DataFlowEdge(place.Signal, $"{childName}.{childPort.Name}", DataFlowEdgeKind.Data, location) { Process = childName };
                var trail = childInstances.IsDefaultOrEmpty ? place.Trail.Add(new UnitFrame(place.Unit, instance, childName)) : [];
                yield return (edge, new Place($"{place.Path}.{childName}", childUnit, childInstances, childPort.Name) { Trail = trail });
            }
        }
    }

    /// <summary>An input port driven (an output port loaded) by what the parent connects to it, reached at <paramref name="parent"/>'s unit.</summary>
    private IEnumerable<(DataFlowEdge Edge, Place Reached)> CrossUp(Place place, PortSymbol port, InstanceSymbol? instance, string instanceName, Place parent, bool towardsDrivers)
    {
        var connection = instance is null ? null : ConnectionFor(instance, port, PortsOf(place.Unit));
        foreach (var signal in connection?.Signals ?? [])
        {
            var parentPath = place.Path[..Math.Max(0, place.Path.Length - instanceName.Length - 1)];
            var edge = towardsDrivers
                ? new DataFlowEdge(signal.Name, port.Name, DataFlowEdgeKind.Data, connection!.Location) { Process = instanceName }
                : new DataFlowEdge(port.Name, signal.Name, DataFlowEdgeKind.Data, connection!.Location) { Process = instanceName };
            yield return (edge, parent with { Path = parentPath, Signal = signal.Name });
        }
    }

    /// <summary>
    /// The instances inside a place: from the elaborated hierarchy when the query names an instance path (so
    /// parameters and generate choices apply), else from the unit's own instance statements (`unit.signal`), whose
    /// children are then followed in unit mode too.
    /// </summary>
    private IEnumerable<(string Name, IndexedUnit Unit, InstanceSymbol Instance, ImmutableArray<HierarchyNode> Instances)> ChildrenOf(Place place)
    {
        if (place.Instance is { } node)
        {
            foreach (var child in node.Children)
            {
                if (BodyOf(child) is { } childUnit && InstanceSymbolOf(place.Unit, child) is { } instance)
                {
                    yield return (child.Name, childUnit, instance, place.Instances.Add(child));
                }
            }

            yield break;
        }

        foreach (var instance in place.Unit.Symbol.Instances)
        {
            if (instance.Kind != InstanceKind.Primitive && FindUnit(instance.UnitName) is { } childUnit)
            {
                yield return (instance.InstanceName, childUnit, instance, []);
            }
        }
    }

    private static ConnectionSymbol? ConnectionFor(InstanceSymbol instance, PortSymbol port, ImmutableArray<PortSymbol> ports)
    {
        var position = ports.IndexOf(port);
        foreach (var connection in instance.Ports)
        {
            if (connection.Formal is not null
                ? string.Equals(connection.Formal, port.Name, StringComparison.OrdinalIgnoreCase)
                : connection.Position == position)
            {
                return connection;
            }
        }

        return null;
    }

    private static InstanceSymbol? InstanceSymbolOf(IndexedUnit parent, HierarchyNode child) =>
        parent.Symbol.Instances.FirstOrDefault(instance => instance.InstanceName == child.InstanceName && instance.Scope == child.Scope);

    /// <summary>The ports of a unit: its own, or for a VHDL architecture, its entity's.</summary>
    private ImmutableArray<PortSymbol> PortsOf(IndexedUnit unit)
    {
        if (unit.Kind == DesignUnitKind.Architecture && unit.Symbol.Owner is { } owner && _index.Units.FindVhdl(unit.Symbol.Library ?? "work", owner) is { } entity)
        {
            return entity.Symbol.Ports;
        }

        return unit.Symbol.Ports;
    }

    /// <summary>The unit whose statements an instance runs: a VHDL entity's architecture, otherwise the unit itself.</summary>
    private static IndexedUnit? BodyOf(HierarchyNode node) => node.Architecture ?? node.Unit;

    /// <summary>The instances from a top down to the one the path names, or empty.</summary>
    private static ImmutableArray<HierarchyNode> FindInstance(InstanceHierarchy hierarchy, string path)
    {
        foreach (var top in hierarchy.Tops)
        {
            if (path == top.Name)
            {
                return [top];
            }

            if (path.StartsWith(top.Name + ".", StringComparison.Ordinal) && Descend(top, path[(top.Name.Length + 1)..]) is { IsDefaultOrEmpty: false } below)
            {
                return below.Insert(0, top);
            }
        }

        return [];
    }

    /// <summary>Follows instance names (which may contain dots from generate scopes) down the tree.</summary>
    private static ImmutableArray<HierarchyNode> Descend(HierarchyNode node, string rest)
    {
        foreach (var child in node.Children)
        {
            if (rest == child.Name)
            {
                return [child];
            }

            if (rest.StartsWith(child.Name + ".", StringComparison.Ordinal) && Descend(child, rest[(child.Name.Length + 1)..]) is { IsDefaultOrEmpty: false } below)
            {
                return below.Insert(0, child);
            }
        }

        return [];
    }
}
