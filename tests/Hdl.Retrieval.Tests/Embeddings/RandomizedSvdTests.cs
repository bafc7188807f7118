using Hdl.Retrieval.Embeddings;

namespace Hdl.Retrieval.Tests.Embeddings;

/// <summary>The numerical pieces of the randomized truncated SVD, checked against hand-computed answers.</summary>
public sealed class RandomizedSvdTests
{
    [Fact]
    public void Orthonormalize_gives_orthonormal_columns_spanning_the_input()
    {
        // Three rows, two columns: (1,1), (1,0), (0,1).
        float[] matrix = [1, 1, 1, 0, 0, 1];
        var q = RandomizedSvd.Orthonormalize(matrix, 2);
        var gram = RandomizedSvd.Gram(q, 2);
        Assert.Equal(1, gram[0], 4);
        Assert.Equal(1, gram[3], 4);
        Assert.Equal(0, gram[1], 4);

        // The first column of Q is the first input column, normalised (Cholesky QR keeps the column order).
        Assert.Equal(1 / Math.Sqrt(2), q[0], 4);
        Assert.Equal(1 / Math.Sqrt(2), q[2], 4);
        Assert.Equal(0, q[4], 4);
    }

    [Fact]
    public void SymmetricEigen_finds_the_eigenpairs_of_a_two_by_two_matrix()
    {
        // [[2,1],[1,2]] has eigenvalues 3 (along (1,1)) and 1 (along (1,-1)).
        var (values, vectors) = RandomizedSvd.SymmetricEigen([2, 1, 1, 2], 2);
        var largest = values[0] > values[1] ? 0 : 1;
        Assert.Equal(3, values[largest], 6);
        Assert.Equal(1, values[1 - largest], 6);
        Assert.Equal(Math.Abs(vectors[largest]), Math.Abs(vectors[2 + largest]), 6);
    }

    [Fact]
    public void The_right_singular_vectors_of_a_block_matrix_separate_its_blocks()
    {
        // Rows 0-1 use terms 0-1, rows 2-4 use terms 2-3: two singular directions, one per block, the larger first.
        var model = LatentSemanticModel.Train(
            [["a", "b"], ["a", "b"], ["c", "d"], ["c", "d"], ["c", "d"]],
            LatentSemanticOptions.Default with { Dimensions = 2, MaxDocumentShare = 1 },
            CancellationToken.None);
        var ab = model.Embed(["a"]);
        var cd = model.Embed(["c"]);
        Assert.Equal(0, System.Numerics.Tensors.TensorPrimitives.Dot(ab, cd), 4);
        Assert.Equal(1, System.Numerics.Tensors.TensorPrimitives.Dot(ab, model.Embed(["b"])), 4);
    }
}
