using System.Collections.Immutable;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;
using Hdl.Workspace.Graph;

namespace Hdl.Retrieval.Indexing;

/// <summary>
/// Projects the repository graph onto chunks: a graph node maps to the chunk cut around its symbol (by file and
/// offset); an instance site maps to the unit containing it, so "unit A instantiates unit B" becomes an edge between
/// their header chunks. Blocks without a graph node (subprograms, generate blocks) hang off their unit's header.
/// </summary>
internal static class ChunkGraph
{
    public static ImmutableArray<ChunkEdge> Edges(RepositoryGraph graph, IReadOnlyDictionary<string, ImmutableArray<Chunk>> chunksByFile, IReadOnlySet<string> touchedFiles)
    {
        var byAnchor = new Dictionary<(string, int), Chunk>();
        foreach (var (path, chunks) in chunksByFile)
        {
            foreach (var chunk in chunks)
            {
                foreach (var anchor in chunk.Anchors)
                {
                    byAnchor.TryAdd((path, anchor), chunk);
                }
            }
        }

        Chunk? ChunkOf(GraphNode node)
        {
            if (node.Kind == GraphNodeKind.Instance)
            {
                var owner = graph.InEdges(node, GraphEdgeKind.Contains).FirstOrDefault();
                return owner is null ? null : ChunkOf(owner.Source);
            }

            return node.Location is { } location ? byAnchor.GetValueOrDefault((location.Path, location.Span.Start)) : null;
        }

        var edges = new HashSet<ChunkEdge>();
        void Add(Chunk? source, Chunk? target, ChunkEdgeKind kind)
        {
            if (source is null || target is null || source.Id == target.Id)
            {
                return;
            }

            if (touchedFiles.Contains(source.Path) || touchedFiles.Contains(target.Path))
            {
                edges.Add(new ChunkEdge(source.Id, target.Id, kind, source.Path, target.Path));
            }
        }

        foreach (var kind in new[] { GraphNodeKind.Unit, GraphNodeKind.Package, GraphNodeKind.Instance, GraphNodeKind.Process, GraphNodeKind.Port, GraphNodeKind.Signal })
        {
            foreach (var node in graph.Nodes(kind))
            {
                foreach (var edge in graph.OutEdges(node))
                {
                    var edgeKind = edge.Kind switch
                    {
                        GraphEdgeKind.Instantiates => ChunkEdgeKind.Instantiates,
                        GraphEdgeKind.Imports => ChunkEdgeKind.Imports,
                        GraphEdgeKind.Drives => ChunkEdgeKind.Drives,
                        GraphEdgeKind.Reads => ChunkEdgeKind.Reads,
                        GraphEdgeKind.Connects => ChunkEdgeKind.Connects,
                        GraphEdgeKind.Contains when edge.Target.Kind is GraphNodeKind.Unit or GraphNodeKind.Package => ChunkEdgeKind.Contains,
                        _ => (ChunkEdgeKind?)null,
                    };
                    if (edgeKind is { } chunkEdgeKind)
                    {
                        Add(ChunkOf(edge.Source), ChunkOf(edge.Target), chunkEdgeKind);
                    }
                }
            }
        }

        // Containment comes from the chunks themselves: every block, signal and port of a unit hangs off its header.
        foreach (var (path, chunks) in chunksByFile)
        {
            if (!touchedFiles.Contains(path))
            {
                continue;
            }

            Chunk? header = null;
            foreach (var chunk in chunks)
            {
                if (chunk.Kind == ChunkKind.Unit)
                {
                    header = chunk;
                }
                else if (header is not null && string.Equals(header.Unit, chunk.Unit, StringComparison.Ordinal))
                {
                    Add(header, chunk, ChunkEdgeKind.Contains);
                }
            }
        }

        return [.. edges];
    }
}
