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
    [InlineData("onnx", "sqlite", "embedding provider 'onnx' is not available in this build")]
    [InlineData("openai", "sqlite", "embedding provider 'openai' is not available in this build")]
    [InlineData("builtin", "qdrant", "vector store 'qdrant' is not available in this build")]
    [InlineData("word2vec", "sqlite", "unknown embedding provider 'word2vec' (expected builtin, onnx, openai)")]
    [InlineData("builtin", "faiss", "unknown vector store 'faiss' (expected sqlite, qdrant)")]
    public void Backends_are_chosen_by_name(string provider, string store, string? problem)
    {
        var backend = RetrievalBackends.Create(RetrievalBackendOptions.Default with { EmbeddingProvider = provider, VectorStore = store }, _store, TextAnalyzer.Default);
        Assert.Equal(problem, backend.Problem);
        Assert.Equal(problem is null, backend.IsAvailable);
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
