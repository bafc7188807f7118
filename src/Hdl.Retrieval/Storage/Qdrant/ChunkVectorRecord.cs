namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>
/// One chunk's vector with the payload a filtered search needs: which file (so an edited file's points can be
/// deleted), which granularity (module, block, signal), and where the chunk is, so a hit is shown without a lookup.
/// </summary>
/// <param name="ChunkId">Stable chunk id chosen by the chunker; the Qdrant point id is derived from it.</param>
/// <param name="File">Workspace-relative path with forward slashes.</param>
/// <param name="Unit">Enclosing design unit, or null for file-level chunks.</param>
/// <param name="Kind">Chunk kind (unit header, process, assignment group, …).</param>
/// <param name="Granularity">module, block or signal.</param>
/// <param name="StartLine">First line, 1-based.</param>
/// <param name="EndLine">Last line, 1-based, inclusive.</param>
/// <param name="Vector">The embedding; empty when read back without vectors.</param>
public sealed record ChunkVectorRecord(
    string ChunkId,
    string File,
    string? Unit,
    string Kind,
    string Granularity,
    int StartLine,
    int EndLine,
    ReadOnlyMemory<float> Vector);
