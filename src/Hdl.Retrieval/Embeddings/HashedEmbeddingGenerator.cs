using System.Numerics.Tensors;
using Hdl.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Embeddings;

/// <summary>Shape of the built-in embedding; changing any value changes <see cref="HashedEmbeddingGenerator.ModelId"/>, so the index re-embeds.</summary>
public sealed record HashedEmbeddingOptions
{
    public static readonly HashedEmbeddingOptions Default = new();

    public int Dimensions { get; init; } = 256;

    /// <summary>Weight of a whole normalised term (sub-token after the lexicon).</summary>
    public float TermWeight { get; init; } = 1.0f;

    /// <summary>Weight of each character trigram of a term: it lets `divider` meet `divisor` and `baudgen` meet `baud`.</summary>
    public float TrigramWeight { get; init; } = 0.35f;

    /// <summary>Weight of a pair of neighbouring terms (`write response` differs from `response` alone).</summary>
    public float BigramWeight { get; init; } = 0.5f;
}

/// <summary>
/// The built-in embedding, which needs no model file: a text is analysed like the lexical index analyses it
/// (identifier sub-tokens, HDL lexicon, light stemming), and each term, neighbouring term pair and character trigram
/// is hashed to a signed coordinate (the hashing trick), with sub-linear term frequency; the vector is normalised so a
/// dot product is the cosine. Deterministic and stateless: the same text gives the same vector in any process.
/// </summary>
public sealed class HashedEmbeddingGenerator : BuiltinEmbeddingGenerator
{
    private const string Version = "hashed-v1";
    private readonly TextAnalyzer _analyzer;
    private readonly HashedEmbeddingOptions _options;

    public HashedEmbeddingGenerator(TextAnalyzer analyzer, HashedEmbeddingOptions options)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, null, ModelId, options.Dimensions);
    }

    /// <summary>Names the feature recipe and its weights, so a change of either is a different model to the index.</summary>
    public override string ModelId => FormattableString.Invariant($"{Version}-d{_options.Dimensions}-t{_options.TermWeight}-g{_options.TrigramWeight}-b{_options.BigramWeight}");

    public override EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>The vector of one text (the prose analysis is used for code too: stop words are rare in code and keywords carry little weight after hashing).</summary>
    public override float[] Embed(string text)
    {
        var terms = new List<string>();
        _analyzer.AnalyzeProse(text ?? string.Empty, terms);
        return Embed(terms);
    }

    /// <summary>The vector of a text already analysed into its terms (a caller that needs the terms too analyses once).</summary>
    internal float[] Embed(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var index = 0; index < terms.Count; index++)
        {
            Add(counts, terms[index], _options.TermWeight);
            if (_options.BigramWeight > 0 && index + 1 < terms.Count)
            {
                Add(counts, terms[index] + " " + terms[index + 1], _options.BigramWeight);
            }

            if (_options.TrigramWeight > 0)
            {
                var padded = "<" + terms[index] + ">";
                for (var start = 0; start + 3 <= padded.Length; start++)
                {
                    Add(counts, string.Concat("#", padded.AsSpan(start, 3)), _options.TrigramWeight);
                }
            }
        }

        var vector = new float[_options.Dimensions];
        foreach (var (feature, weight) in counts)
        {
            var hash = Fnv1a(feature);
            var slot = (int)(hash % (ulong)_options.Dimensions);
            var sign = (hash >> 63) == 0 ? 1f : -1f;

            // Sub-linear frequency: a signal named in twenty statements is not twenty times as relevant.
            vector[slot] += sign * MathF.Sqrt(weight);
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <summary>FNV-1a, 64 bits, over the UTF-16 code units: stable across processes and platforms (unlike string.GetHashCode).</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in text)
        {
            hash ^= character;
            hash *= 1099511628211UL;
        }

        // Fold the high bits down: FNV's low bits alone are weak for small moduli.
        return hash ^ (hash >> 29);
    }

    private static void Add(Dictionary<string, float> counts, string feature, float weight) =>
        counts[feature] = counts.GetValueOrDefault(feature) + weight;
}
