using System.Collections.Immutable;
using Hdl.Syntax.Text;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;
using QuikGraph;

namespace Hdl.Workspace.Graph;

public enum GraphNodeKind
{
    File,
    Unit,
    Package,
    Instance,
    Port,
    Signal,
    Process,
}

public enum GraphEdgeKind
{
    /// <summary>File → unit, unit → its ports, signals, processes and instance sites, entity → architecture.</summary>
    Contains,

    /// <summary>Instance site → the unit it binds to.</summary>
    Instantiates,

    /// <summary>Unit → package it imports (`import p::*`, `use work.p.all`) or names (`p::X`).</summary>
    Imports,

    /// <summary>File → file it `include`s.</summary>
    Includes,

    /// <summary>Process (or continuous assignment) → signal or port it writes.</summary>
    Drives,

    /// <summary>Process (or continuous assignment) → signal or port it reads, as data or as a condition.</summary>
    Reads,

    /// <summary>Parent's signal or port → the child unit's port it is connected to at an instance.</summary>
    Connects,
}

/// <summary>
/// A node of the repository graph. <see cref="Id"/> is unique: `file:path`, `unit:lib.name`, `instance:unit/scope.name`,
/// `port:unit/name`, `signal:unit/scope.name`, `process:unit/index`.
/// </summary>
public sealed record GraphNode(GraphNodeKind Kind, string Id, string Name)
{
    public Location? Location { get; init; }

    public override string ToString() => Id;
}

public sealed record GraphEdge(GraphNode Source, GraphNode Target, GraphEdgeKind Kind)
{
    public override string ToString() => $"{Source.Id} -{Kind.ToString().ToLowerInvariant()}-> {Target.Id}";
}

/// <summary>
/// The repository as one graph: files, units, packages, instance sites, ports, signals and processes, with contains /
/// instantiates / imports / includes / drives / reads / connects edges. Instances are the instance statements of each
/// unit (one node per site, not per elaborated path), so the graph stays the size of the source; the elaborated tree
/// is <see cref="InstanceHierarchy"/>. Built from a snapshot and immutable; QuikGraph stays inside this class.
/// </summary>
public sealed class RepositoryGraph
{
    private readonly BidirectionalGraph<GraphNode, RepositoryEdge> _graph;
    private readonly Dictionary<string, GraphNode> _nodesById;

    private RepositoryGraph(BidirectionalGraph<GraphNode, RepositoryEdge> graph, Dictionary<string, GraphNode> nodesById)
    {
        _graph = graph;
        _nodesById = nodesById;
    }

    public int NodeCount => _graph.VertexCount;

    public int EdgeCount => _graph.EdgeCount;

    public static RepositoryGraph Build(WorkspaceIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new RepositoryGraphBuilder(index, cancellationToken).Build();
    }

    public GraphNode? FindNode(string id) => _nodesById.GetValueOrDefault(id);

    /// <summary>The node of a design unit by name (`soc_top`, or `work.periph_top` for VHDL).</summary>
    public GraphNode? FindUnit(string qualifiedName) => FindNode($"unit:{qualifiedName}");

    public ImmutableArray<GraphNode> Nodes(GraphNodeKind kind) => [.. _graph.Vertices.Where(node => node.Kind == kind)];

    public ImmutableArray<GraphEdge> OutEdges(GraphNode node, GraphEdgeKind? kind = null) =>
        _graph.ContainsVertex(node) ? [.. _graph.OutEdges(node).Where(edge => kind is null || edge.Kind == kind).Select(edge => edge.ToPublic())] : [];

    public ImmutableArray<GraphEdge> InEdges(GraphNode node, GraphEdgeKind? kind = null) =>
        _graph.ContainsVertex(node) ? [.. _graph.InEdges(node).Where(edge => kind is null || edge.Kind == kind).Select(edge => edge.ToPublic())] : [];

    /// <summary>The instance sites inside the unit an instance binds to.</summary>
    public ImmutableArray<GraphNode> ChildrenOf(GraphNode instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return [.. Targets(instance, GraphEdgeKind.Instantiates).SelectMany(unit => BodiesOf(unit)).SelectMany(body => Targets(body, GraphEdgeKind.Contains)).Where(node => node.Kind == GraphNodeKind.Instance)];
    }

    /// <summary>The instance sites that instantiate the unit holding this instance (its possible parents).</summary>
    public ImmutableArray<GraphNode> ParentsOf(GraphNode instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return [.. Sources(instance, GraphEdgeKind.Contains)
            .SelectMany(body => body.Kind == GraphNodeKind.Unit ? Sources(body, GraphEdgeKind.Contains).Where(owner => owner.Kind == GraphNodeKind.Unit).Append(body) : [body])
            .SelectMany(unit => Sources(unit, GraphEdgeKind.Instantiates))
            .Distinct()];
    }

    /// <summary>Units that import or name the package.</summary>
    public ImmutableArray<GraphNode> UnitsUsing(GraphNode package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return [.. Sources(package, GraphEdgeKind.Imports).Distinct()];
    }

    /// <summary>
    /// The files a unit needs to elaborate: its own file, the files it includes, and (transitively) the files of the
    /// units it instantiates and the packages it uses, in the order they are first reached.
    /// </summary>
    public ImmutableArray<GraphNode> FilesUnitDependsOn(GraphNode unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var files = new List<GraphNode>();
        var seen = new HashSet<GraphNode>();
        var pending = new Queue<GraphNode>();
        pending.Enqueue(unit);
        seen.Add(unit);
        void Visit(GraphNode node)
        {
            if (seen.Add(node))
            {
                pending.Enqueue(node);
            }
        }

        while (pending.Count > 0)
        {
            var node = pending.Dequeue();
            switch (node.Kind)
            {
                case GraphNodeKind.File:
                    files.Add(node);
                    foreach (var included in Targets(node, GraphEdgeKind.Includes))
                    {
                        Visit(included);
                    }

                    break;
                case GraphNodeKind.Unit or GraphNodeKind.Package:
                    foreach (var file in Sources(node, GraphEdgeKind.Contains).Where(source => source.Kind == GraphNodeKind.File))
                    {
                        Visit(file);
                    }

                    foreach (var target in BodiesOf(node).SelectMany(body => _graph.OutEdges(body)))
                    {
                        if (target.Kind is GraphEdgeKind.Imports || (target.Kind == GraphEdgeKind.Contains && target.Target.Kind == GraphNodeKind.Instance))
                        {
                            Visit(target.Target);
                        }
                    }

                    break;
                case GraphNodeKind.Instance:
                    foreach (var target in Targets(node, GraphEdgeKind.Instantiates))
                    {
                        Visit(target);
                    }

                    break;
                default:
                    break;
            }
        }

        return [.. files];
    }

    /// <summary>A unit and the units it owns (an entity's architectures, a package's body), whose contents count as its own.</summary>
    private IEnumerable<GraphNode> BodiesOf(GraphNode unit) =>
        Targets(unit, GraphEdgeKind.Contains).Where(node => node.Kind is GraphNodeKind.Unit or GraphNodeKind.Package).Prepend(unit);

    private IEnumerable<GraphNode> Targets(GraphNode node, GraphEdgeKind kind) =>
        _graph.ContainsVertex(node) ? _graph.OutEdges(node).Where(edge => edge.Kind == kind).Select(edge => edge.Target) : [];

    private IEnumerable<GraphNode> Sources(GraphNode node, GraphEdgeKind kind) =>
        _graph.ContainsVertex(node) ? _graph.InEdges(node).Where(edge => edge.Kind == kind).Select(edge => edge.Source) : [];

    internal static RepositoryGraph FromBuilder(BidirectionalGraph<GraphNode, RepositoryEdge> graph, Dictionary<string, GraphNode> nodesById) => new(graph, nodesById);
}

/// <summary>The QuikGraph edge type: internal, converted to <see cref="GraphEdge"/> at the boundary.</summary>
internal sealed class RepositoryEdge(GraphNode source, GraphNode target, GraphEdgeKind kind) : IEdge<GraphNode>
{
    public GraphNode Source { get; } = source;

    public GraphNode Target { get; } = target;

    public GraphEdgeKind Kind { get; } = kind;

    public GraphEdge ToPublic() => new(Source, Target, Kind);
}
