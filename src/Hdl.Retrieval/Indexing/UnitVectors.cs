using System.Numerics.Tensors;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Storage;

namespace Hdl.Retrieval.Indexing;

/// <summary>
/// A unit is the sum of its parts: its header vector is mixed with the mean of its members' vectors (every block,
/// signal and port chunk of the same unit in the same file), so a unit whose header says little is still found by
/// what its processes and signals are about. A unit's chunks all come from one file and a changed file is embedded
/// whole, so an incremental update pools exactly as a full build does.
/// </summary>
internal static class UnitVectors
{
    /// <summary>Replaces each unit header's vector in <paramref name="records"/> by (1 − share)·header + share·mean(members), normalised.</summary>
    public static void PoolMembers(IReadOnlyList<Chunk> chunks, ChunkVectorRecord[] records, float share)
    {
        var members = new Dictionary<(string Path, string Unit), (float[] Sum, int Count)>();
        for (var index = 0; index < chunks.Count; index++)
        {
            if (chunks[index].Kind == ChunkKind.Unit)
            {
                continue;
            }

            var key = (chunks[index].Path, chunks[index].Unit.ToUpperInvariant());
            var vector = records[index].Vector.Span;
            if (!members.TryGetValue(key, out var entry))
            {
                entry = (new float[vector.Length], 0);
            }

            TensorPrimitives.Add(entry.Sum, vector, entry.Sum);
            members[key] = (entry.Sum, entry.Count + 1);
        }

        for (var index = 0; index < chunks.Count; index++)
        {
            if (chunks[index].Kind != ChunkKind.Unit || !members.TryGetValue((chunks[index].Path, chunks[index].Unit.ToUpperInvariant()), out var entry))
            {
                continue;
            }

            var mean = entry.Sum;
            var meanNorm = TensorPrimitives.Norm(mean);
            if (meanNorm <= 0)
            {
                continue;
            }

            var pooled = new float[mean.Length];
            TensorPrimitives.Multiply(records[index].Vector.Span, 1 - share, pooled);
            TensorPrimitives.MultiplyAdd(mean, share / meanNorm, pooled, pooled);
            var norm = TensorPrimitives.Norm(pooled);
            if (norm > 0)
            {
                TensorPrimitives.Divide(pooled, norm, pooled);
            }

            records[index].Vector = pooled;
        }
    }
}
