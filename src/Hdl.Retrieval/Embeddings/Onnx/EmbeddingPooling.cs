namespace Hdl.Retrieval.Embeddings.Onnx;

/// <summary>Sentence vectors from token vectors: mean over the real tokens, then unit length.</summary>
internal static class EmbeddingPooling
{
    /// <summary>
    /// Mean of each sequence's token vectors where the attention mask is 1, so padding added for batching does not
    /// change a text's vector. <paramref name="hidden"/> is [batch, tokens, dim] row-major.
    /// </summary>
    public static float[][] MeanPool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> attentionMask, int batch, int tokens, int dimensions)
    {
        if (hidden.Length != batch * tokens * dimensions || attentionMask.Length != batch * tokens)
        {
            throw new ArgumentException($"hidden states of {hidden.Length} values and a mask of {attentionMask.Length} do not fit [{batch}, {tokens}, {dimensions}].");
        }

        var result = new float[batch][];
        for (var sequence = 0; sequence < batch; sequence++)
        {
            var sum = new float[dimensions];
            var count = 0;
            for (var token = 0; token < tokens; token++)
            {
                if (attentionMask[(sequence * tokens) + token] == 0)
                {
                    continue;
                }

                count++;
                var row = hidden.Slice(((sequence * tokens) + token) * dimensions, dimensions);
                for (var dimension = 0; dimension < dimensions; dimension++)
                {
                    sum[dimension] += row[dimension];
                }
            }

            for (var dimension = 0; dimension < dimensions && count > 0; dimension++)
            {
                sum[dimension] /= count;
            }

            result[sequence] = sum;
        }

        return result;
    }

    /// <summary>Scales to unit length so cosine similarity is a dot product; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var sumOfSquares = 0.0;
        foreach (var component in vector)
        {
            sumOfSquares += component * (double)component;
        }

        if (sumOfSquares > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sumOfSquares));
            for (var index = 0; index < vector.Length; index++)
            {
                vector[index] *= scale;
            }
        }
    }
}
