using Hdl.Retrieval.Chunking;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Storage;

/// <summary>
/// The record every vector store here holds: one chunk's embedding with the fields searches filter on. Stores get
/// the layout from <see cref="Definition"/>, since the dimension depends on the embedding provider.
/// </summary>
public sealed class ChunkVectorRecord
{
    /// <summary>The chunk id (<see cref="Chunk.Id"/>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The chunk's file: incremental updates delete a file's vectors by it.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>`module`, `block` or `signal` (<see cref="GranularityName"/>).</summary>
    public string Granularity { get; set; } = string.Empty;

    public ReadOnlyMemory<float> Vector { get; set; }

    public static string GranularityName(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <summary>The collection layout for vectors of <paramref name="dimensions"/> compared by cosine similarity.</summary>
    public static VectorStoreCollectionDefinition Definition(int dimensions) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Path), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Granularity), typeof(string)) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(Vector), typeof(ReadOnlyMemory<float>), dimensions) { DistanceFunction = DistanceFunction.CosineSimilarity },
        ],
    };
}
