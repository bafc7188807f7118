using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hdl.Retrieval.Storage;

/// <summary>How the embedded vector store scans its vectors.</summary>
public sealed record VectorScanOptions
{
    /// <summary>
    /// Scan an 8-bit copy of the vectors (one scale per vector) and re-score the best of it exactly in float. The
    /// scan reads a quarter of the bytes; the answer is still the exact one (see <see cref="QuantizedVectors"/>).
    /// </summary>
    public bool Quantize { get; init; } = true;

    /// <summary>Candidates kept per list by the 8-bit scan, as a multiple of the list's depth.</summary>
    public int CandidateFactor { get; init; } = 4;

    /// <summary>Candidates kept per list at least, so that a short list still has room for near-ties.</summary>
    public int MinCandidates { get; init; } = 64;

    /// <summary>Vectors below which a scan is not split across cores: a thread's start costs more than scanning them.</summary>
    public int MinVectorsPerThread { get; init; } = 16_384;
}

/// <summary>
/// An 8-bit copy of packed float vectors: each vector is scaled so its largest component is ±127 and rounded, and
/// the scale kept. A query is quantized the same way; the integer dot product times both scales approximates the
/// float one. How far off it can be is bounded per query: with ṽ and q̃ the rounded vectors,
/// q·v − q̃·ṽ = q·(v − ṽ) + (q − q̃)·ṽ, so |error| ≤ ‖q‖·max‖v − ṽ‖ + ‖q − q̃‖·max‖ṽ‖ (Cauchy–Schwarz), plus the float
/// rounding of both sums. The store keeps the two maxima; <see cref="Prepare"/> adds the query's norms. A list
/// re-scored in float is exact when no vector left out of it could reach its last score within that bound.
/// </summary>
internal sealed class QuantizedVectors
{
    private const int Levels = 127;

    private QuantizedVectors(sbyte[] codes, float[] scales, int dimensions, double maxResidual, double maxCodeNorm)
    {
        Codes = codes;
        Scales = scales;
        Dimensions = dimensions;
        MaxResidual = maxResidual;
        MaxCodeNorm = maxCodeNorm;
    }

    public sbyte[] Codes { get; }

    public float[] Scales { get; }

    public int Dimensions { get; }

    /// <summary>The largest ‖v − ṽ‖ over the vectors.</summary>
    public double MaxResidual { get; }

    /// <summary>The largest ‖ṽ‖ over the vectors.</summary>
    public double MaxCodeNorm { get; }

    /// <summary>The 8-bit copy of <paramref name="count"/> packed vectors; null when one has a component that is not finite (those are scanned in float).</summary>
    public static QuantizedVectors? Create(float[] vectors, int count, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var codes = new sbyte[(long)count * dimensions];
        var scales = new float[count];
        double maxResidual = 0, maxCodeNorm = 0;
        for (var index = 0; index < count; index++)
        {
            var vector = vectors.AsSpan(index * dimensions, dimensions);
            if (!Quantize(vector, codes.AsSpan(index * dimensions, dimensions), out var scale, out var residual, out var codeNorm))
            {
                return null;
            }

            scales[index] = scale;
            maxResidual = Math.Max(maxResidual, residual);
            maxCodeNorm = Math.Max(maxCodeNorm, codeNorm);
        }

        return new QuantizedVectors(codes, scales, dimensions, maxResidual, maxCodeNorm);
    }

    /// <summary>Rounds a vector to codes in [−127, 127] times one scale; false when a component is not finite.</summary>
    public static bool Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes, out float scale, out double residual, out double codeNorm)
    {
        var largest = 0f;
        foreach (var component in vector)
        {
            if (!float.IsFinite(component))
            {
                (scale, residual, codeNorm) = (0, 0, 0);
                return false;
            }

            largest = Math.Max(largest, Math.Abs(component));
        }

        scale = largest / Levels;
        double residualSquares = 0, codeSquares = 0;
        for (var at = 0; at < vector.Length; at++)
        {
            var code = scale == 0 ? 0 : (int)Math.Clamp(MathF.Round(vector[at] / scale), -Levels, Levels);
            codes[at] = (sbyte)code;
            var rounded = (double)code * scale;
            residualSquares += (vector[at] - rounded) * (vector[at] - rounded);
            codeSquares += rounded * rounded;
        }

        residual = Math.Sqrt(residualSquares);
        codeNorm = Math.Sqrt(codeSquares);
        return true;
    }

    /// <summary>A query prepared for the scan: its codes widened to 16 bits, its scale, and the norms the error bound needs.</summary>
    public QuantizedQuery Prepare(ReadOnlySpan<float> query)
    {
        var codes = new sbyte[query.Length];
        if (!Quantize(query, codes, out var scale, out var residual, out _))
        {
            return new QuantizedQuery([], 0, double.PositiveInfinity, Valid: false);
        }

        var wide = new short[query.Length];
        for (var at = 0; at < codes.Length; at++)
        {
            wide[at] = codes[at];
        }

        var norm = Math.Sqrt(TensorPrimitives.Dot(query, query));
        var codeNorm = MaxCodeNorm;

        // Float rounding: the exact score is a float dot product of n terms (error at most about n·2⁻²⁴·‖q‖·‖v‖) and the
        // approximation multiplies an exact integer by two float scales (a few 2⁻²⁴ relative). Twice that, generously.
        var rounding = (Dimensions + 8) * Math.Pow(2, -22) * (norm + residual) * (MaxCodeNorm + MaxResidual);
        var bound = (norm * MaxResidual) + (residual * codeNorm) + rounding;
        return new QuantizedQuery(wide, scale, bound, Valid: true);
    }

    /// <summary>The approximate score of vector <paramref name="index"/>: the integer dot product times both scales.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Approximate(QuantizedQuery query, int index) =>
        IntegerDot(query.Codes, Codes.AsSpan(index * Dimensions, Dimensions)) * (query.Scale * Scales[index]);

    /// <summary>Σ query[i]·row[i] over 16-bit query codes and 8-bit vector codes; exact (|sum| ≤ 127²·n fits an int).</summary>
    internal static int IntegerDot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var length = row.Length;
        var at = 0;
        var sum = 0;
        if (Avx2.IsSupported && length >= Vector256<sbyte>.Count)
        {
            ref var rowStart = ref MemoryMarshal.GetReference(row);
            ref var queryStart = ref MemoryMarshal.GetReference(query);
            var total = Vector256<int>.Zero;
            for (; at + Vector256<sbyte>.Count <= length; at += Vector256<sbyte>.Count)
            {
                // Sign-extend 32 codes to two vectors of 16 bits; pairwise multiply-add gives 32-bit sums that cannot overflow.
                var low = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rowStart, (nuint)at));
                var high = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rowStart, (nuint)(at + 16)));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref queryStart, (nuint)at)));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref queryStart, (nuint)(at + 16))));
            }

            sum = Vector256.Sum(total);
        }

        for (; at < length; at++)
        {
            sum += query[at] * row[at];
        }

        return sum;
    }
}

/// <summary>A query quantized for <see cref="QuantizedVectors"/>: codes, scale, and the most any approximate score can be off.</summary>
internal readonly record struct QuantizedQuery(short[] Codes, float Scale, double ErrorBound, bool Valid);
