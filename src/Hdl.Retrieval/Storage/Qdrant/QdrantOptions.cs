using Hdl.Retrieval.Http;

namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>Where the Qdrant server is and how the chunk collection is laid out.</summary>
/// <param name="Endpoint">REST base address, e.g. http://localhost:6333.</param>
/// <param name="CollectionName">One collection per workspace and embedding provider.</param>
/// <param name="VectorSize">Dimensions of the embedding provider's vectors.</param>
public sealed record QdrantOptions(Uri Endpoint, string CollectionName, int VectorSize)
{
    /// <summary>Sent as the <c>api-key</c> header. Comes from settings or the environment; never logged or printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Qdrant distance name: Cosine, Dot, Euclid or Manhattan. Cosine suits normalised text embeddings.</summary>
    public string Distance { get; init; } = "Cosine";

    /// <summary>Points per upsert request; keeps a request well under Qdrant's default 32 MB body limit at 1024 dimensions.</summary>
    public int UpsertBatchSize { get; init; } = 256;

    public HttpRetryOptions Retry { get; init; } = new();

    // Records print every property; the key must not reach a log through ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, CollectionName = {CollectionName}, VectorSize = {VectorSize}, ");
        builder.Append($"ApiKey = {(ApiKey is null ? "(none)" : "***")}, Distance = {Distance}, UpsertBatchSize = {UpsertBatchSize}");
        return true;
    }
}
