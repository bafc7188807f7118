using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace Hdl.Retrieval.Embeddings;

/// <summary>Shape of the latent semantic model; every value is part of the embedding's model id.</summary>
public sealed record LatentSemanticOptions
{
    public static readonly LatentSemanticOptions Default = new();

    /// <summary>Latent dimensions kept from the decomposition.</summary>
    public int Dimensions { get; init; } = 128;

    /// <summary>Terms in fewer chunks than this carry no co-occurrence evidence and are left out of the vocabulary.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Terms in more than this share of chunks (`clk`, `rst`) say nothing about topic and are left out.</summary>
    public double MaxDocumentShare { get; init; } = 0.25;

    /// <summary>The most frequent terms kept at most (bounds memory on very large repositories).</summary>
    public int MaxVocabulary { get; init; } = 60_000;

    /// <summary>Chunks the decomposition is computed from at most (an even sample beyond); the rest are folded in.</summary>
    public int MaxTrainingDocuments { get; init; } = 60_000;

    /// <summary>Extra random directions of the randomized decomposition (accuracy of the last kept dimensions).</summary>
    public int Oversampling { get; init; } = 10;

    /// <summary>Power iterations of the randomized decomposition (sharpen the spectrum; each costs two passes).</summary>
    public int PowerIterations { get; init; } = 1;

    public int Seed { get; init; } = 17;

    /// <summary>How a term's count in a chunk is weighted before the decomposition and when a text is folded in.</summary>
    public TermWeighting Weighting { get; init; } = Experiment.Get("EMB_WEIGHT", 0) > 0 ? TermWeighting.LogEntropy : TermWeighting.TfIdf;

    /// <summary>
    /// Term vectors are the right singular vectors scaled by the singular values to this power: 0 weighs every latent
    /// dimension alike, 1 keeps the strong co-occurrence patterns dominant (the term-by-term similarity of the matrix).
    /// </summary>
    public double SingularValueExponent { get; init; } = Experiment.Get("EMB_SIGMA", 0);

    public string Describe() => FormattableString.Invariant($"lsa-k{Dimensions}-df{MinDocumentFrequency}-{MaxDocumentShare}-v{MaxVocabulary}-n{MaxTrainingDocuments}-p{Oversampling}-q{PowerIterations}-s{Seed}-{Weighting}-e{SingularValueExponent}-x{Experiment.Get("EMB_PPMI", 0)}-{Experiment.Get("EMB_PPMICAP", 40)}");
}

/// <summary>Term weighting of the latent model.</summary>
public enum TermWeighting
{
    /// <summary>(1 + ln tf) · ln((1 + N) / (1 + df)).</summary>
    TfIdf,

    /// <summary>ln(1 + tf) · (1 + Σ p ln p / ln N), p the share of the term's occurrences in each chunk: terms spread evenly over many chunks weigh little.</summary>
    LogEntropy,
}

/// <summary>TEMPORARY experiment knobs (environment), removed before commit.</summary>
internal static class Experiment
{
    public static double Get(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>
/// A latent semantic model learned from the repository itself: the chunk-by-term matrix (sub-linear term frequency
/// times inverse document frequency, rows normalised) is reduced by a randomized truncated SVD, and each term gets
/// the row of the right singular vectors. Terms that occur in the same chunks (a comment's `baud` and an
/// identifier's `presc`, `parity` and `stop`) end up near each other, so a query can meet a chunk that shares none of
/// its words. A text's vector is the idf-weighted sum of its terms' vectors (fold-in), the same for chunks and
/// queries, so chunks added after training are embedded exactly like the ones it was trained on.
/// </summary>
public sealed class LatentSemanticModel
{
    private const int FormatVersion = 2;
    private readonly FrozenDictionary<string, int> _index;
    private readonly float[] _idf;
    private readonly float[] _vectors;

    private LatentSemanticModel(ImmutableArray<string> terms, float[] idf, float[] vectors, int dimensions, TermWeighting weighting)
    {
        Weighting = weighting;
        Terms = terms;
        _idf = idf;
        _vectors = vectors;
        Dimensions = dimensions;
        var index = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var term = 0; term < terms.Length; term++)
        {
            index[terms[term]] = term;
        }

        _index = index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public ImmutableArray<string> Terms { get; }

    public int Dimensions { get; }

    public TermWeighting Weighting { get; }

    /// <summary>ln((1 + N) / (1 + df)) of every term the training chunks hold, rare and common ones included.</summary>
    public FrozenDictionary<string, float> Rarity { get; private init; } = FrozenDictionary<string, float>.Empty;

    /// <summary>The rarity of a term no training chunk holds.</summary>
    public float UnseenRarity { get; private init; }

    /// <summary>How rare a term is in the repository (high for a term no chunk holds).</summary>
    public float RarityOf(string term) => Rarity.TryGetValue(term, out var rarity) ? rarity : UnseenRarity;

    /// <summary>Whether the term has a learned vector.</summary>
    public bool Knows(string term) => _index.ContainsKey(term);

    /// <summary>
    /// Learns the model from documents given as their terms. Fewer usable documents or terms than dimensions give a
    /// model with fewer dimensions (a tiny repository still gets one); none give an empty model that embeds every
    /// text as the zero vector.
    /// </summary>
    public static LatentSemanticModel Train(IReadOnlyList<IReadOnlyList<string>> documents, LatentSemanticOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var sample = Sample(documents, options.MaxTrainingDocuments);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var totalFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in sample)
        {
            counts.Clear();
            foreach (var term in document)
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            foreach (var (term, count) in counts)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                totalFrequency[term] = totalFrequency.GetValueOrDefault(term) + count;
            }
        }

        // Σ p ln p per term needs the total first, so the entropy is a second pass over the counts.
        var entropy = new Dictionary<string, double>(StringComparer.Ordinal);
        if (options.Weighting == TermWeighting.LogEntropy)
        {
            foreach (var document in sample)
            {
                counts.Clear();
                foreach (var term in document)
                {
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }

                foreach (var (term, count) in counts)
                {
                    var share = (double)count / totalFrequency[term];
                    entropy[term] = entropy.GetValueOrDefault(term) + (share * Math.Log(share));
                }
            }
        }

        var maxFrequency = Math.Max(options.MinDocumentFrequency, (int)(options.MaxDocumentShare * sample.Count));
        var terms = documentFrequency
            .Where(pair => pair.Value >= options.MinDocumentFrequency && pair.Value <= maxFrequency)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(options.MaxVocabulary)
            .Select(pair => pair.Key)
            .ToImmutableArray();
        var logDocuments = Math.Log(Math.Max(2, sample.Count));
        var idf = terms.Select(term => options.Weighting == TermWeighting.LogEntropy
            ? (float)Math.Max(1e-3, 1 + (entropy.GetValueOrDefault(term) / logDocuments))
            : (float)Math.Log((1.0 + sample.Count) / (1.0 + documentFrequency[term]))).ToArray();
        var rarity = documentFrequency.ToDictionary(pair => pair.Key, pair => (float)Math.Log((1.0 + sample.Count) / (1.0 + pair.Value)), StringComparer.Ordinal);
        var unseen = (float)Math.Log(1.0 + sample.Count);
        var empty = new LatentSemanticModel(terms, idf, [], 0, options.Weighting);
        var matrix = SparseRows.Build(sample, empty);
        var rank = Math.Min(options.Dimensions, Math.Min(matrix.Rows, terms.Length));
        if (rank <= 0)
        {
            return new LatentSemanticModel([], [], [], 0, options.Weighting);
        }

        var (values, vectors) = Experiment.Get("EMB_PPMI", 0) > 0
            ? RandomizedSvd.Decompose(Cooccurrence(matrix, terms.Length), terms.Length, rank, options, cancellationToken)
            : RandomizedSvd.Decompose(matrix, terms.Length, rank, options, cancellationToken);
        if (options.SingularValueExponent != 0 && values[0] > 0)
        {
            var scale = values.Select(value => (float)Math.Pow(value / values[0], options.SingularValueExponent)).ToArray();
            for (var term = 0; term < terms.Length; term++)
            {
                TensorPrimitives.Multiply(vectors.AsSpan(term * rank, rank), scale, vectors.AsSpan(term * rank, rank));
            }
        }

        return new LatentSemanticModel(terms, idf, vectors, rank, options.Weighting) { Rarity = rarity.ToFrozenDictionary(StringComparer.Ordinal), UnseenRarity = unseen };
    }

    /// <summary>The normalised latent vector of a text given as its terms; zero when no term is known.</summary>
    public float[] Embed(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var vector = new float[Dimensions];
        foreach (var (term, weight) in Weights(terms))
        {
            TensorPrimitives.MultiplyAdd(_vectors.AsSpan(term * Dimensions, Dimensions), weight, vector, vector);
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    /// <summary>Known terms of a text with their weight: (1 + ln tf) · idf, normalised to unit length.</summary>
    internal List<(int Term, float Weight)> Weights(IReadOnlyList<string> terms)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in terms)
        {
            if (_index.TryGetValue(term, out var id))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        var weights = new List<(int, float)>(counts.Count);
        var sum = 0.0;
        foreach (var (id, count) in counts)
        {
            var local = Weighting == TermWeighting.LogEntropy ? Math.Log(1 + count) : 1 + Math.Log(count);
            var weight = (float)(local * _idf[id]);
            weights.Add((id, weight));
            sum += weight * weight;
        }

        if (sum > 0)
        {
            var norm = (float)Math.Sqrt(sum);
            for (var index = 0; index < weights.Count; index++)
            {
                weights[index] = (weights[index].Item1, weights[index].Item2 / norm);
            }
        }

        return weights;
    }

    /// <summary>The model as bytes, for the index.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write((int)Weighting);
            writer.Write(UnseenRarity);
            writer.Write(Dimensions);
            writer.Write(Terms.Length);
            for (var term = 0; term < Terms.Length; term++)
            {
                writer.Write(Terms[term]);
                writer.Write(_idf[term]);
            }

            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_vectors.AsSpan()));
            writer.Write(Rarity.Count);
            foreach (var (term, rarity) in Rarity)
            {
                writer.Write(term);
                writer.Write(rarity);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A model read back from <see cref="ToBytes"/>; null when the bytes are not one (another format, truncated).</summary>
    public static LatentSemanticModel? FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray());
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
            if (reader.ReadInt32() != FormatVersion)
            {
                return null;
            }

            var weighting = (TermWeighting)reader.ReadInt32();
            var unseen = reader.ReadSingle();
            if (!Enum.IsDefined(weighting))
            {
                return null;
            }

            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (dimensions < 0 || count < 0 || (long)dimensions * count * sizeof(float) > stream.Length)
            {
                return null;
            }

            var terms = ImmutableArray.CreateBuilder<string>(count);
            var idf = new float[count];
            for (var term = 0; term < count; term++)
            {
                terms.Add(reader.ReadString());
                idf[term] = reader.ReadSingle();
            }

            var vectors = new float[dimensions * count];
            var raw = reader.ReadBytes(vectors.Length * sizeof(float));
            if (raw.Length != vectors.Length * sizeof(float))
            {
                return null;
            }

            Buffer.BlockCopy(raw, 0, vectors, 0, raw.Length);
            var rarityCount = reader.ReadInt32();
            if (rarityCount < 0 || rarityCount > stream.Length)
            {
                return null;
            }

            var rarity = new Dictionary<string, float>(rarityCount, StringComparer.Ordinal);
            for (var entry = 0; entry < rarityCount; entry++)
            {
                rarity[reader.ReadString()] = reader.ReadSingle();
            }

            return new LatentSemanticModel(terms.MoveToImmutable(), idf, vectors, dimensions, weighting)
            {
                Rarity = rarity.ToFrozenDictionary(StringComparer.Ordinal),
                UnseenRarity = unseen,
            };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static SparseRows Cooccurrence(SparseRows matrix, int termCount)
    {
        var cap = (int)Experiment.Get("EMB_PPMICAP", 40);
        var pairs = new Dictionary<long, float>();
        var marginal = new double[termCount];
        var ids = new List<(int Term, float Weight)>();
        for (var row = 0; row < matrix.Rows; row++)
        {
            ids.Clear();
            for (var entry = matrix.Starts[row]; entry < matrix.Starts[row + 1]; entry++)
            {
                ids.Add((matrix.Columns[entry], matrix.Values[entry]));
            }

            if (ids.Count > cap)
            {
                ids.Sort((left, right) => right.Weight.CompareTo(left.Weight));
                ids.RemoveRange(cap, ids.Count - cap);
            }

            for (var first = 0; first < ids.Count; first++)
            {
                for (var second = 0; second < ids.Count; second++)
                {
                    if (first != second)
                    {
                        var key = ((long)ids[first].Term * termCount) + ids[second].Term;
                        pairs[key] = pairs.GetValueOrDefault(key) + 1;
                        marginal[ids[first].Term] += 1;
                    }
                }
            }
        }

        var total = marginal.Sum();
        var smoothed = marginal.Select(count => Math.Pow(count, 0.75)).ToArray();
        var smoothedTotal = smoothed.Sum();
        var rows = new List<(int Column, float Value)>[termCount];
        foreach (var (key, count) in pairs)
        {
            var term = (int)(key / termCount);
            var context = (int)(key % termCount);
            var pmi = Math.Log(count * total / (marginal[term] * (smoothed[context] / smoothedTotal * total)));
            if (pmi > 0)
            {
                (rows[term] ??= []).Add((context, (float)pmi));
            }
        }

        var starts = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        for (var term = 0; term < termCount; term++)
        {
            if (rows[term] is { } list)
            {
                list.Sort((left, right) => left.Column.CompareTo(right.Column));
                foreach (var (column, value) in list)
                {
                    columns.Add(column);
                    values.Add(value);
                }
            }

            starts.Add(columns.Count);
        }

        return new SparseRows(termCount, [.. starts], [.. columns], [.. values]);
    }

    private static List<IReadOnlyList<string>> Sample(IReadOnlyList<IReadOnlyList<string>> documents, int max)
    {
        if (documents.Count <= max)
        {
            return [.. documents];
        }

        // An even stride over the chunks (which come in file order) keeps every part of the repository represented.
        var result = new List<IReadOnlyList<string>>(max);
        var step = (double)documents.Count / max;
        for (var index = 0; index < max; index++)
        {
            result.Add(documents[(int)(index * step)]);
        }

        return result;
    }

    /// <summary>The weighted chunk-by-term matrix, by rows and by columns (both products of the decomposition read rows).</summary>
    internal sealed class SparseRows
    {
        internal SparseRows(int rows, int[] starts, int[] columns, float[] values)
        {
            Rows = rows;
            Starts = starts;
            Columns = columns;
            Values = values;
        }

        public int Rows { get; }

        public int[] Starts { get; }

        public int[] Columns { get; }

        public float[] Values { get; }

        public static SparseRows Build(IReadOnlyList<IReadOnlyList<string>> documents, LatentSemanticModel model)
        {
            var starts = new List<int> { 0 };
            var columns = new List<int>();
            var values = new List<float>();
            foreach (var document in documents)
            {
                var weights = model.Weights(document);
                if (weights.Count == 0)
                {
                    continue;
                }

                weights.Sort((left, right) => left.Term.CompareTo(right.Term));
                foreach (var (term, weight) in weights)
                {
                    columns.Add(term);
                    values.Add(weight);
                }

                starts.Add(columns.Count);
            }

            return new SparseRows(starts.Count - 1, [.. starts], [.. columns], [.. values]);
        }

        public SparseRows Transpose(int columnCount)
        {
            var counts = new int[columnCount + 1];
            foreach (var column in Columns)
            {
                counts[column + 1]++;
            }

            for (var column = 0; column < columnCount; column++)
            {
                counts[column + 1] += counts[column];
            }

            var starts = (int[])counts.Clone();
            var next = (int[])counts.Clone();
            var rows = new int[Columns.Length];
            var values = new float[Values.Length];
            for (var row = 0; row < Rows; row++)
            {
                for (var entry = Starts[row]; entry < Starts[row + 1]; entry++)
                {
                    var position = next[Columns[entry]]++;
                    rows[position] = row;
                    values[position] = Values[entry];
                }
            }

            return new SparseRows(columnCount, starts, rows, values);
        }

        /// <summary>this · dense, where dense has <paramref name="width"/> columns, row-major.</summary>
        public float[] Multiply(float[] dense, int width, CancellationToken cancellationToken)
        {
            var result = new float[Rows * width];
            Parallel.For(0, Rows, new ParallelOptions { CancellationToken = cancellationToken }, row =>
            {
                var target = result.AsSpan(row * width, width);
                for (var entry = Starts[row]; entry < Starts[row + 1]; entry++)
                {
                    TensorPrimitives.MultiplyAdd(dense.AsSpan(Columns[entry] * width, width), Values[entry], target, target);
                }
            });
            return result;
        }
    }
}
