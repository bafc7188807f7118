using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Storage;

/// <summary>Which embedding provider and vector store the index uses, and their settings (from hdl.json, flags or the environment, read by the host).</summary>
public sealed record RetrievalBackendOptions
{
    public static readonly RetrievalBackendOptions Default = new();

    /// <summary>`builtin` (default, no model file), `onnx` (a local BERT-style model) or `openai` (an OpenAI-compatible endpoint).</summary>
    public string EmbeddingProvider { get; init; } = "builtin";

    /// <summary>`sqlite` (default: vectors in the workspace database) or `qdrant`.</summary>
    public string VectorStore { get; init; } = "sqlite";

    public HashedEmbeddingOptions Builtin { get; init; } = HashedEmbeddingOptions.Default;

    /// <summary>ONNX model file and its vocabulary, for `onnx`.</summary>
    public string? OnnxModelPath { get; init; }

    public string? OnnxVocabularyPath { get; init; }

    /// <summary>Endpoint, model and key for `openai` (the key comes from the environment, never the index).</summary>
    public Uri? OpenAiEndpoint { get; init; }

    public string? OpenAiModel { get; init; }

    public string? OpenAiApiKey { get; init; }

    /// <summary>Qdrant's REST address and collection, for `qdrant`.</summary>
    public Uri? QdrantUrl { get; init; }

    public string QdrantCollection { get; init; } = "hdl_chunks";
}

/// <summary>The chosen generator and store, or why they could not be made.</summary>
public sealed record RetrievalBackend(
    IEmbeddingGenerator<string, Embedding<float>>? Generator,
    VectorStoreCollection<string, ChunkVectorRecord>? Vectors,
    string? Problem)
{
    public bool IsAvailable => Problem is null && Generator is not null && Vectors is not null;
}

/// <summary>
/// Makes the embedding generator and vector store named by <see cref="RetrievalBackendOptions"/>. Providers that are
/// not part of this build answer with a clear problem instead of failing later.
/// </summary>
public static class RetrievalBackends
{
    public static readonly IReadOnlyList<string> EmbeddingProviders = ["builtin", "onnx", "openai"];

    public static readonly IReadOnlyList<string> VectorStores = ["sqlite", "qdrant"];

    public static RetrievalBackend Create(RetrievalBackendOptions options, SqliteRetrievalStore store, TextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(analyzer);
        IEmbeddingGenerator<string, Embedding<float>>? generator = options.EmbeddingProvider.ToLowerInvariant() switch
        {
            "builtin" => new HashedEmbeddingGenerator(analyzer, options.Builtin),
            _ => null,
        };
        if (generator is null)
        {
            return new RetrievalBackend(null, null, EmbeddingProviders.Contains(options.EmbeddingProvider.ToLowerInvariant())
                ? $"embedding provider '{options.EmbeddingProvider}' is not available in this build"
                : $"unknown embedding provider '{options.EmbeddingProvider}' (expected {string.Join(", ", EmbeddingProviders)})");
        }

        VectorStoreCollection<string, ChunkVectorRecord>? vectors = options.VectorStore.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteVectorCollection(store),
            _ => null,
        };
        if (vectors is null)
        {
            generator.Dispose();
            return new RetrievalBackend(null, null, VectorStores.Contains(options.VectorStore.ToLowerInvariant())
                ? $"vector store '{options.VectorStore}' is not available in this build"
                : $"unknown vector store '{options.VectorStore}' (expected {string.Join(", ", VectorStores)})");
        }

        return new RetrievalBackend(generator, vectors, null);
    }
}
