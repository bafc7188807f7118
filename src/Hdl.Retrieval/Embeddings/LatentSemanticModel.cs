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

    public string Describe() => FormattableString.Invariant($"lsa-k{Dimensions}-df{MinDocumentFrequency}-{MaxDocumentShare}-v{MaxVocabulary}-n{MaxTrainingDocuments}-p{Oversampling}-q{PowerIterations}-s{Seed}");
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
    private const int FormatVersion = 1;
    private readonly FrozenDictionary<string, int> _index;
    private readonly float[] _idf;
    private readonly float[] _vectors;

    private LatentSemanticModel(ImmutableArray<string> terms, float[] idf, float[] vectors, int dimensions)
    {
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
        foreach (var document in sample)
        {
            foreach (var term in document.Distinct(StringComparer.Ordinal))
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
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
        var idf = terms.Select(term => (float)Math.Log((1.0 + sample.Count) / (1.0 + documentFrequency[term]))).ToArray();
        var empty = new LatentSemanticModel(terms, idf, [], 0);
        var matrix = SparseRows.Build(sample, empty);
        var rank = Math.Min(options.Dimensions, Math.Min(matrix.Rows, terms.Length));
        if (rank <= 0)
        {
            return new LatentSemanticModel([], [], [], 0);
        }

        var vectors = RandomizedSvd.RightSingularVectors(matrix, terms.Length, rank, options, cancellationToken);
        return new LatentSemanticModel(terms, idf, vectors, rank);
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
            var weight = (float)((1 + Math.Log(count)) * _idf[id]);
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
            writer.Write(Dimensions);
            writer.Write(Terms.Length);
            for (var term = 0; term < Terms.Length; term++)
            {
                writer.Write(Terms[term]);
                writer.Write(_idf[term]);
            }

            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_vectors.AsSpan()));
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
            return new LatentSemanticModel(terms.MoveToImmutable(), idf, vectors, dimensions);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
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
        private SparseRows(int rows, int[] starts, int[] columns, float[] values)
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
