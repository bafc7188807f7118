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

    /// <summary>
    /// Share of the cosine that comes from the concepts of <see cref="HdlConceptGlossary"/> the two texts name (the
    /// rest split between the hashed and latent parts as <see cref="LatentShare"/> says); 0 leaves the concept part out.
    /// 0.2 on the dev sets (vector MRR@10 module 0.672 → 0.722; 0.1–0.4 all within one query of each other in hybrid).
    /// </summary>
    public float ConceptShare { get; init; } = 0.2f;

    /// <summary>
    /// Whether each named concept is also a term of the latent model, so it learns which code goes with the concept.
    /// Off: on the dev sets it moved vector and hybrid MRR@10 by less than a query either way and blocks lost.
    /// </summary>
    public bool ConceptTerms { get; init; }
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
    private const string ConceptPrefix = "concept:";
    private readonly TextAnalyzer _analyzer;
    private readonly RepositoryEmbeddingOptions _options;
    private readonly HashedEmbeddingGenerator _hashed;
    private readonly HdlConceptGlossary _glossary;
    private LatentSemanticModel? _model;

    public RepositoryEmbeddingGenerator(TextAnalyzer analyzer, RepositoryEmbeddingOptions options)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _hashed = new HashedEmbeddingGenerator(analyzer, options.Hashed);
        _glossary = HdlConceptGlossary.Default;
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, ModelId, Dimensions);
    }

    /// <summary>The recipe (hashed features, latent model settings, mix); the trained weights live in the index next to the vectors they made.</summary>
    public override string ModelId => FormattableString.Invariant($"{Version}-{_hashed.ModelId}-{_options.Latent.Describe()}-m{_options.LatentShare}{ConceptId}");

    public int Dimensions => _options.Hashed.Dimensions + _options.Latent.Dimensions + ConceptDimensions;

    private bool UsesConcepts => _options.ConceptShare > 0 || _options.ConceptTerms;

    private int ConceptDimensions => _options.ConceptShare > 0 ? _glossary.Concepts.Length : 0;

    // The glossary's version and size name its content closely enough: an edit of its phrases bumps the version.
    private string ConceptId => UsesConcepts ? FormattableString.Invariant($"-{HdlConceptGlossary.Version}x{_glossary.Concepts.Length}-c{_options.ConceptShare}{(_options.ConceptTerms ? "t" : string.Empty)}") : string.Empty;

    public override EmbeddingGeneratorMetadata Metadata { get; }

    public bool IsTrained => _model is not null;

    /// <summary>The trained model, for storing in the index.</summary>
    public LatentSemanticModel? Model => _model;

    /// <summary>Learns the latent part from the texts the chunks are embedded from.</summary>
    public void Train(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var documents = new IReadOnlyList<string>[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, index =>
        {
            var terms = Terms(texts[index]);
            documents[index] = _options.ConceptTerms ? WithConcepts(terms, _glossary.Count(terms)) : terms;
        });
        _model = LatentSemanticModel.Train(documents, _options.Latent, cancellationToken);
    }

    /// <summary>Uses a model trained before (read from the index).</summary>
    public void Use(LatentSemanticModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    public override float[] Embed(string text)
    {
        // Both parts read the same terms, so the text is analysed once (the analysis is most of the embedding's cost).
        var terms = Terms(text ?? string.Empty);
        var counts = UsesConcepts ? _glossary.Count(terms) : [];
        var vector = new float[Dimensions];
        var rest = 1 - _options.ConceptShare;
        var hashedPart = vector.AsSpan(0, _options.Hashed.Dimensions);
        _hashed.Embed(terms).CopyTo(hashedPart);
        TensorPrimitives.Multiply(hashedPart, MathF.Sqrt(rest * (1 - _options.LatentShare)), hashedPart);
        if (_model is { Dimensions: > 0 } model)
        {
            var latent = model.Embed(_options.ConceptTerms ? WithConcepts(terms, counts) : terms);
            var latentPart = vector.AsSpan(_options.Hashed.Dimensions, Math.Min(latent.Length, _options.Latent.Dimensions));
            TensorPrimitives.Multiply(latent.AsSpan(0, latentPart.Length), MathF.Sqrt(rest * _options.LatentShare), latentPart);
        }

        if (ConceptDimensions > 0)
        {
            var conceptPart = vector.AsSpan(_options.Hashed.Dimensions + _options.Latent.Dimensions, ConceptDimensions);
            for (var concept = 0; concept < counts.Length; concept++)
            {
                // Sub-linear like the other parts: a unit naming its FIFO ten times is no more a FIFO than one naming it twice.
                conceptPart[concept] = counts[concept] > 0 ? 1 + MathF.Log(counts[concept]) : 0;
            }

            var conceptNorm = TensorPrimitives.Norm(conceptPart);
            if (conceptNorm > 0)
            {
                TensorPrimitives.Multiply(conceptPart, MathF.Sqrt(_options.ConceptShare) / conceptNorm, conceptPart);
            }
        }

        // A text with no known latent term keeps only its hashed part; renormalising makes it a unit vector again.
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <summary>The terms followed by one term per mention of a concept (a name no analysed word can have).</summary>
    private List<string> WithConcepts(List<string> terms, int[] counts)
    {
        var result = new List<string>(terms);
        for (var concept = 0; concept < counts.Length; concept++)
        {
            for (var mention = 0; mention < counts[concept]; mention++)
            {
                result.Add(ConceptPrefix + _glossary.Concepts[concept]);
            }
        }

        return result;
    }

    private List<string> Terms(string text)
    {
        var terms = new List<string>();
        _analyzer.AnalyzeProse(text, terms);
        return terms;
    }
}
