using Microsoft.Data.Sqlite;

namespace Hdl.Retrieval.Storage;

/// <summary>
/// The chunk graph held in memory for search: chunk ids numbered once, every edge as two numbers and a kind in row
/// order, and per chunk its outgoing and incoming edges (compressed rows), each list in row order as the
/// `retrieval_edges` indexes would yield them. A graph walk reads hundreds of chunks' edges per query; from memory
/// that is microseconds where a query per chunk and direction was milliseconds.
/// </summary>
internal sealed class EdgeAdjacency
{
    private readonly Dictionary<string, int> _nodes;
    private readonly string[] _ids;
    private readonly string[] _paths;
    private readonly int[] _sources;
    private readonly int[] _targets;
    private readonly ChunkEdgeKind[] _kinds;
    private readonly int[] _outStart;
    private readonly int[] _outEdges;
    private readonly int[] _inStart;
    private readonly int[] _inEdges;

    private EdgeAdjacency(Dictionary<string, int> nodes, string[] ids, string[] paths, int[] sources, int[] targets, ChunkEdgeKind[] kinds)
    {
        _nodes = nodes;
        _ids = ids;
        _paths = paths;
        _sources = sources;
        _targets = targets;
        _kinds = kinds;
        (_outStart, _outEdges) = Rows(sources, ids.Length);
        (_inStart, _inEdges) = Rows(targets, ids.Length);
    }

    public int EdgeCount => _sources.Length;

    public int NodeCount => _ids.Length;

    public static EdgeAdjacency Load(SqliteConnection connection)
    {
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var paths = new List<string>();
        var sources = new List<int>();
        var targets = new List<int>();
        var kinds = new List<ChunkEdgeKind>();
        int Node(string id, string path)
        {
            if (!nodes.TryGetValue(id, out var node))
            {
                node = ids.Count;
                nodes[id] = node;
                ids.Add(id);
                paths.Add(path);
            }

            return node;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, target, kind, source_path, target_path FROM retrieval_edges ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var pathNames = new Dictionary<string, string>(StringComparer.Ordinal);
        string Path(string path) => pathNames.TryGetValue(path, out var known) ? known : pathNames[path] = path;
        while (reader.Read())
        {
            sources.Add(Node(reader.GetString(0), Path(reader.GetString(3))));
            targets.Add(Node(reader.GetString(1), Path(reader.GetString(4))));
            kinds.Add((ChunkEdgeKind)reader.GetInt32(2));
        }

        return new EdgeAdjacency(nodes, [.. ids], [.. paths], [.. sources], [.. targets], [.. kinds]);
    }

    /// <summary>The chunk's number, or -1 when no edge touches it.</summary>
    public int NodeOf(string id) => _nodes.TryGetValue(id, out var node) ? node : -1;

    public ReadOnlySpan<int> Outgoing(int node) => _outEdges.AsSpan(_outStart[node], _outStart[node + 1] - _outStart[node]);

    public ReadOnlySpan<int> Incoming(int node) => _inEdges.AsSpan(_inStart[node], _inStart[node + 1] - _inStart[node]);

    public int SourceOf(int edge) => _sources[edge];

    public int TargetOf(int edge) => _targets[edge];

    public ChunkEdgeKind KindOf(int edge) => _kinds[edge];

    public ChunkEdge EdgeAt(int edge) => new(_ids[_sources[edge]], _ids[_targets[edge]], _kinds[edge], _paths[_sources[edge]], _paths[_targets[edge]]);

    /// <summary>Adds the first <paramref name="limit"/> edges of a list (negative: all) that pass <paramref name="keep"/>.</summary>
    public void AddEdges(ReadOnlySpan<int> edges, int limit, Func<int, bool>? keep, HashSet<ChunkEdge> into)
    {
        var taken = 0;
        foreach (var edge in edges)
        {
            if (limit >= 0 && taken >= limit)
            {
                return;
            }

            if (keep is null || keep(edge))
            {
                into.Add(EdgeAt(edge));
                taken++;
            }
        }
    }

    /// <summary>Per node, its edges by the given end, in edge (row) order: offsets and edge numbers.</summary>
    private static (int[] Start, int[] Edges) Rows(int[] ends, int nodeCount)
    {
        var start = new int[nodeCount + 1];
        foreach (var node in ends)
        {
            start[node + 1]++;
        }

        for (var node = 0; node < nodeCount; node++)
        {
            start[node + 1] += start[node];
        }

        var next = (int[])start.Clone();
        var edges = new int[ends.Length];
        for (var edge = 0; edge < ends.Length; edge++)
        {
            edges[next[ends[edge]]++] = edge;
        }

        return (start, edges);
    }
}
