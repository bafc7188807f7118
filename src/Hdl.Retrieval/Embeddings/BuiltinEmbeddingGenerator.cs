using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Embeddings;

/// <summary>
/// What the built-in embeddings share: they run in process, embed one text at a time through <see cref="Embed"/>,
/// and describe themselves by provider `builtin` and a model id that names their recipe.
/// </summary>
public abstract class BuiltinEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "builtin";

    /// <summary>Names the recipe and its settings, so a change of either is a different model to the index.</summary>
    public abstract string ModelId { get; }

    public abstract EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>The normalised vector of one text.</summary>
    public abstract float[] Embed(string text);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The built-in embeddings hold no unmanaged resources; a subclass that does releases them here.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
