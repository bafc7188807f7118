using Hdl.Retrieval.Embeddings;
using Hdl.Retrieval.Storage;
using Hdl.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Tests;

/// <summary>Provider and store selection, and the built-in embedding's contract.</summary>
public sealed class BackendTests : IDisposable
{
    private readonly SqliteRetrievalStore _store = SqliteRetrievalStore.Open(":memory:");

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("builtin", "sqlite", null)]
    [InlineData("onnx", "sqlite", "embedding provider 'onnx' needs a model file and its vocab.txt (HDL_ONNX_MODEL, HDL_ONNX_VOCAB)")]
    [InlineData("openai", "sqlite", "embedding provider 'openai' needs an endpoint and a model (HDL_EMBEDDING_ENDPOINT, HDL_EMBEDDING_MODEL)")]
    [InlineData("builtin", "qdrant", "vector store 'qdrant' needs the server's address (HDL_QDRANT_URL)")]
    [InlineData("word2vec", "sqlite", "unknown embedding provider 'word2vec' (expected builtin, onnx, openai)")]
    [InlineData("builtin", "faiss", "unknown vector store 'faiss' (expected sqlite, qdrant)")]
    public void Backends_are_chosen_by_name(string provider, string store, string? problem)
    {
        var backend = RetrievalBackends.Create(RetrievalBackendOptions.Default with { EmbeddingProvider = provider, VectorStore = store }, _store, TextAnalyzer.Default);
        Assert.Equal(problem, backend.Problem);
        Assert.Equal(problem is null, backend.IsAvailable);
    }

    [Fact]
    public void Configured_remote_backends_are_made()
    {
        var options = RetrievalBackendOptions.Default with
        {
            EmbeddingProvider = "openai",
            OpenAiEndpoint = new Uri("http://localhost:11434"),
            OpenAiModel = "nomic-embed-text",
            VectorStore = "sqlite",
        };
        var backend = RetrievalBackends.Create(options, _store, TextAnalyzer.Default);
        Assert.True(backend.IsAvailable, backend.Problem);

        var qdrant = RetrievalBackends.Create(RetrievalBackendOptions.Default with { VectorStore = "qdrant", QdrantUrl = new Uri("http://localhost:6333") }, _store, TextAnalyzer.Default);
        Assert.True(qdrant.IsAvailable, qdrant.Problem);
    }

    [Fact]
    public void A_missing_onnx_model_is_a_problem_not_an_exception()
    {
        var options = RetrievalBackendOptions.Default with { EmbeddingProvider = "onnx", OnnxModelPath = "/no/such/model.onnx", OnnxVocabularyPath = "/no/such/vocab.txt" };
        var backend = RetrievalBackends.Create(options, _store, TextAnalyzer.Default);
        Assert.False(backend.IsAvailable);
        Assert.StartsWith("embedding provider 'onnx': ", backend.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builtin_embedding_is_deterministic_normalised_and_describes_itself()
    {
        using var generator = new HashedEmbeddingGenerator(TextAnalyzer.Default, HashedEmbeddingOptions.Default);
        var embeddings = await generator.GenerateAsync(["baud rate counter", "baud rate counter", "axi write response"]);
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.Equal(1.0, Math.Sqrt(embeddings[2].Vector.ToArray().Sum(value => (double)value * value)), 5);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(("builtin", 256), (metadata!.ProviderName, metadata.DefaultModelDimensions));
    }

    [Fact]
    public void Builtin_embedding_puts_abbreviations_near_their_words()
    {
        using var generator = new HashedEmbeddingGenerator(TextAnalyzer.Default, HashedEmbeddingOptions.Default);
        var query = generator.Embed("write enable");
        var abbreviated = generator.Embed("wr_en");
        var unrelated = generator.Embed("rx_fifo_empty");
        Assert.True(Dot(query, abbreviated) > Dot(query, unrelated) + 0.5, $"{Dot(query, abbreviated)} vs {Dot(query, unrelated)}");
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(pair => (double)pair.First * pair.Second);
}
