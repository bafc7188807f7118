using System.Security.Cryptography;
using System.Text;

namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>
/// Payload keys of a chunk point (the fields of <see cref="ChunkVectorRecord"/> that searches filter on and
/// incremental updates delete by), and the point id derived from a chunk id.
/// </summary>
public static class QdrantPayload
{
    public const string ChunkId = "chunk_id";
    public const string File = "file";
    public const string Granularity = "granularity";

    /// <summary>
    /// Qdrant point ids are unsigned integers or UUIDs; chunk ids are strings. A UUID from SHA-256 of the chunk id
    /// (RFC 9562 version 8, "custom") is stable across runs and machines, so re-indexing a chunk overwrites its point
    /// instead of adding a second one, and a chunk can be fetched or deleted by its id alone.
    /// </summary>
    public static Guid PointId(string chunkId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(chunkId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
