using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Embeddings.Onnx;
using Hdl.Retrieval.Embeddings.OpenAi;
using Hdl.Retrieval.Storage.Qdrant;
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

    /// <summary>
    /// The part of the built-in embedding learned from the repository at index time (its hashed part is
    /// <see cref="Builtin"/>); null for hashed features alone.
    /// </summary>
    public RepositoryEmbeddingOptions? Learned { get; init; } = RepositoryEmbeddingOptions.Default;

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
        var (generator, generatorProblem) = CreateGenerator(options, analyzer);
        if (generator is null)
        {
            return new RetrievalBackend(null, null, generatorProblem);
        }

        if (generator is RepositoryEmbeddingGenerator learned
            && store.LoadModel(RepositoryEmbeddingGenerator.ModelName, learned.ModelId) is { } bytes
            && LatentSemanticModel.FromBytes(bytes) is { } model)
        {
            learned.Use(model);
        }

        var (vectors, storeProblem) = CreateStore(options, store, generator);
        if (vectors is null)
        {
            generator.Dispose();
            return new RetrievalBackend(null, null, storeProblem);
        }

        return new RetrievalBackend(generator, vectors, null);
    }

    private static (IEmbeddingGenerator<string, Embedding<float>>? Generator, string? Problem) CreateGenerator(RetrievalBackendOptions options, TextAnalyzer analyzer)
    {
        switch (options.EmbeddingProvider.ToLowerInvariant())
        {
            case "builtin":
                return options.Learned is { } learned
                    ? (new RepositoryEmbeddingGenerator(analyzer, learned with { Hashed = options.Builtin }), null)
                    : (new HashedEmbeddingGenerator(analyzer, options.Builtin), null);
            case "onnx" when options.OnnxModelPath is null || options.OnnxVocabularyPath is null:
                return (null, "embedding provider 'onnx' needs a model file and its vocab.txt (HDL_ONNX_MODEL, HDL_ONNX_VOCAB)");
            case "onnx":
                try
                {
                    return (new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions(options.OnnxModelPath, options.OnnxVocabularyPath)), null);
                }
                catch (Exception exception) when (exception is FileNotFoundException or InvalidOperationException or IOException)
                {
                    // The constructor says why the model cannot be used (missing file, not a BERT-style model, ...).
                    return (null, $"embedding provider 'onnx': {exception.Message}");
                }

            case "openai" when options.OpenAiEndpoint is null || string.IsNullOrWhiteSpace(options.OpenAiModel):
                return (null, $"embedding provider 'openai' needs an endpoint and a model ({OpenAiEmbeddingOptions.EndpointVariable}, {OpenAiEmbeddingOptions.ModelVariable})");
            case "openai":
                return (new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(options.OpenAiEndpoint, options.OpenAiModel) { ApiKey = options.OpenAiApiKey }), null);
            default:
                return (null, $"unknown embedding provider '{options.EmbeddingProvider}' (expected {string.Join(", ", EmbeddingProviders)})");
        }
    }

    private static (VectorStoreCollection<string, ChunkVectorRecord>? Vectors, string? Problem) CreateStore(
        RetrievalBackendOptions options, SqliteRetrievalStore store, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        switch (options.VectorStore.ToLowerInvariant())
        {
            case "sqlite":
                return (new SqliteVectorCollection(store), null);
            case "qdrant" when options.QdrantUrl is null:
                return (null, "vector store 'qdrant' needs the server's address (HDL_QDRANT_URL)");
            case "qdrant":
                // Qdrant creates the collection with a fixed vector size, so the provider must say its dimension up front.
                var dimensions = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;
                if (dimensions is not > 0)
                {
                    return (null, "vector store 'qdrant' needs the embedding dimension, which this provider does not state (set it in the provider's options)");
                }

                return (new QdrantChunkCollection(new QdrantOptions(options.QdrantUrl, options.QdrantCollection, dimensions.Value)), null);
            default:
                return (null, $"unknown vector store '{options.VectorStore}' (expected {string.Join(", ", VectorStores)})");
        }
    }
}
