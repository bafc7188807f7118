using System.Numerics.Tensors;
using Hdl.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Embeddings;

/// <summary>Shape of the built-in repository embedding; every value is part of its model id, so a change re-embeds.</summary>
public sealed record RepositoryEmbeddingOptions
{
    public static readonly RepositoryEmbeddingOptions Default = new();

    public HashedEmbeddingOptions Hashed { get; init; } = HashedEmbeddingOptions.Default;

    public LatentSemanticOptions Latent { get; init; } = LatentSemanticOptions.Default;

    /// <summary>
    /// Share of the cosine that comes from the latent part (the rest from the hashed features): the latent part
    /// relates words that never occur together in a query and a chunk, the hashed part keeps exact and near-exact
    /// spellings (`baudgen` and `baud`) that a repository-sized vocabulary cannot.
    /// </summary>
    public float LatentShare { get; init; } = 0.5f;
}

/// <summary>
/// The built-in embedding with a part learned from the repository: the hashed sub-token features of
/// <see cref="HashedEmbeddingGenerator"/> next to the vector of a <see cref="LatentSemanticModel"/> trained on the
/// repository's chunks when the index is built from scratch (<see cref="Train"/>) and read back from the index
/// afterwards (<see cref="Use"/>). The two parts are each normalised and scaled so that the dot product of two vectors
/// is the weighted sum of the parts' cosines. Until a model is trained or loaded the latent part is zero, and
/// <see cref="IsTrained"/> tells the indexer to train it.
/// </summary>
public sealed class RepositoryEmbeddingGenerator : BuiltinEmbeddingGenerator
{
    /// <summary>Name of the latent model in the index.</summary>
    public const string ModelName = "latent";
    private const string Version = "repo-v1";
    private readonly TextAnalyzer _analyzer;
    private readonly RepositoryEmbeddingOptions _options;
    private readonly HashedEmbeddingGenerator _hashed;
    private LatentSemanticModel? _model;

    public RepositoryEmbeddingGenerator(TextAnalyzer analyzer, RepositoryEmbeddingOptions options)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _hashed = new HashedEmbeddingGenerator(analyzer, options.Hashed);
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, ModelId, Dimensions);
    }

    /// <summary>The recipe (hashed features, latent model settings, mix); the trained weights live in the index next to the vectors they made.</summary>
    public override string ModelId => FormattableString.Invariant($"{Version}-{_hashed.ModelId}-{_options.Latent.Describe()}-m{_options.LatentShare}");

    public int Dimensions => _options.Hashed.Dimensions + _options.Latent.Dimensions;

    public override EmbeddingGeneratorMetadata Metadata { get; }

    public bool IsTrained => _model is not null;

    /// <summary>The trained model, for storing in the index.</summary>
    public LatentSemanticModel? Model => _model;

    /// <summary>Learns the latent part from the texts the chunks are embedded from.</summary>
    public void Train(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var documents = new IReadOnlyList<string>[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, index => documents[index] = Terms(texts[index]));
        _model = LatentSemanticModel.Train(documents, _options.Latent, cancellationToken);
    }

    /// <summary>Uses a model trained before (read from the index).</summary>
    public void Use(LatentSemanticModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    public override float[] Embed(string text)
    {
        // Both parts read the same terms, so the text is analysed once (the analysis is most of the embedding's cost).
        var terms = Terms(text ?? string.Empty);
        var vector = new float[Dimensions];
        var hashedPart = vector.AsSpan(0, _options.Hashed.Dimensions);
        _hashed.Embed(terms).CopyTo(hashedPart);
        TensorPrimitives.Multiply(hashedPart, MathF.Sqrt(1 - _options.LatentShare), hashedPart);
        if (_model is { Dimensions: > 0 } model)
        {
            var latent = model.Embed(terms);
            var latentPart = vector.AsSpan(_options.Hashed.Dimensions, Math.Min(latent.Length, _options.Latent.Dimensions));
            TensorPrimitives.Multiply(latent.AsSpan(0, latentPart.Length), MathF.Sqrt(_options.LatentShare), latentPart);
        }

        // A text with no known latent term keeps only its hashed part; renormalising makes it a unit vector again.
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private List<string> Terms(string text)
    {
        var terms = new List<string>();
        _analyzer.AnalyzeProse(text, terms);
        return terms;
    }
}
