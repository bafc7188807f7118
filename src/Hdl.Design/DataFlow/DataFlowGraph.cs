using System.Collections.Frozen;
using System.Collections.Immutable;
using Hdl.Design.Model;
using Hdl.Syntax.Text;

namespace Hdl.Design.DataFlow;

public enum DataFlowNodeKind
{
    Port,
    Signal,
    Variable,
    Constant,

    /// <summary>A name the unit reads or writes but does not declare (from a package, an interface, or a typo).</summary>
    Undeclared,
}

/// <summary>Data: the value flows into the target. Control: the signal decides whether or which value flows (if/case/?:/when).</summary>
public enum DataFlowEdgeKind
{
    Data,
    Control,
}

public sealed record DataFlowNode(string Name, DataFlowNodeKind Kind, Location? Declaration)
{
    public PortDirection? Direction { get; init; }
}

/// <summary>
/// One read-to-write step: <see cref="Source"/> is read by the assignment at <see cref="Location"/> that writes
/// <see cref="Target"/>. The process, its clock and reset, and the selects as written travel with the edge.
/// </summary>
public sealed record DataFlowEdge(string Source, string Target, DataFlowEdgeKind Kind, Location Location)
{
    public string? SourceSelect { get; init; }

    public string? TargetSelect { get; init; }

    /// <summary>The process label or kind (`always_ff`, `p_cnt`), null for continuous assignments.</summary>
    public string? Process { get; init; }

    public ClockSymbol? Clock { get; init; }

    public ResetSymbol? Reset { get; init; }
}

/// <summary>An edge reached by a transitive driver or load query, with its distance from the start signal.</summary>
public sealed record DataFlowStep(DataFlowEdge Edge, int Depth);

/// <summary>
/// The data-flow graph of one unit: nodes are its ports, signals and variables; edges go from every signal an
/// assignment reads to every signal it writes. Names are compared as the language does (VHDL ignores case).
/// </summary>
public sealed class DataFlowGraph
{
    private readonly FrozenDictionary<string, DataFlowNode> _nodes;
    private readonly FrozenDictionary<string, ImmutableArray<DataFlowEdge>> _incoming;
    private readonly FrozenDictionary<string, ImmutableArray<DataFlowEdge>> _outgoing;

    internal DataFlowGraph(string unitName, IEnumerable<DataFlowNode> nodes, ImmutableArray<DataFlowEdge> edges, StringComparer comparer)
    {
        UnitName = unitName;
        Edges = edges;
        _nodes = nodes.ToFrozenDictionary(node => node.Name, comparer);
        _incoming = edges.GroupBy(edge => edge.Target, comparer).ToFrozenDictionary(group => group.Key, group => group.ToImmutableArray(), comparer);
        _outgoing = edges.GroupBy(edge => edge.Source, comparer).ToFrozenDictionary(group => group.Key, group => group.ToImmutableArray(), comparer);
    }

    public string UnitName { get; }

    public IEnumerable<DataFlowNode> Nodes => _nodes.Values;

    public ImmutableArray<DataFlowEdge> Edges { get; }

    public DataFlowNode? FindNode(string name) => _nodes.GetValueOrDefault(name);

    /// <summary>The assignments that write a signal: one edge per signal each of them reads.</summary>
    public ImmutableArray<DataFlowEdge> DriversOf(string name) => _incoming.GetValueOrDefault(name, []);

    /// <summary>The assignments that read a signal: one edge per signal each of them writes.</summary>
    public ImmutableArray<DataFlowEdge> LoadsOf(string name) => _outgoing.GetValueOrDefault(name, []);

    /// <summary>Drivers of drivers, breadth first, each edge once, up to <paramref name="maxDepth"/> steps (the fan-in cone).</summary>
    public ImmutableArray<DataFlowStep> FanIn(string name, int maxDepth) => Walk(name, maxDepth, _incoming, edge => edge.Source);

    /// <summary>Loads of loads, breadth first, each edge once, up to <paramref name="maxDepth"/> steps (the fan-out cone).</summary>
    public ImmutableArray<DataFlowStep> FanOut(string name, int maxDepth) => Walk(name, maxDepth, _outgoing, edge => edge.Target);

    private static ImmutableArray<DataFlowStep> Walk(string start, int maxDepth, FrozenDictionary<string, ImmutableArray<DataFlowEdge>> adjacency, Func<DataFlowEdge, string> next)
    {
        var steps = ImmutableArray.CreateBuilder<DataFlowStep>();
        var visited = new HashSet<string>(adjacency.Comparer) { start };
        var frontier = new List<string> { start };
        for (var depth = 1; depth <= maxDepth && frontier.Count > 0; depth++)
        {
            var nextFrontier = new List<string>();
            foreach (var name in frontier)
            {
                foreach (var edge in adjacency.GetValueOrDefault(name, []))
                {
                    steps.Add(new DataFlowStep(edge, depth));
                    var neighbour = next(edge);
                    if (visited.Add(neighbour))
                    {
                        nextFrontier.Add(neighbour);
                    }
                }
            }

            frontier = nextFrontier;
        }

        return steps.ToImmutable();
    }
}
