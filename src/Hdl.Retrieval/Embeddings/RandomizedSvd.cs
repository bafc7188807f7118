using System.Numerics.Tensors;

namespace Hdl.Retrieval.Embeddings;

/// <summary>
/// Truncated SVD of a sparse matrix by random projection (Halko, Martinsson and Tropp): the range of A is captured by
/// A·Ω for a random Ω with a few more columns than wanted, sharpened by power iterations, and the small projected
/// problem is solved exactly. Cost is a handful of sparse-times-dense products, linear in the non-zeros, so a
/// repository of a million lines trains in seconds. Deterministic for a given seed.
/// </summary>
internal static class RandomizedSvd
{
    /// <summary>The top <paramref name="rank"/> right singular vectors of A (columns × rank, row-major), by falling singular value.</summary>
    public static float[] RightSingularVectors(LatentSemanticModel.SparseRows matrix, int columns, int rank, LatentSemanticOptions options, CancellationToken cancellationToken)
    {
        var transpose = matrix.Transpose(columns);
        var width = Math.Min(rank + Math.Max(0, options.Oversampling), Math.Min(matrix.Rows, columns));
        var random = new Random(options.Seed);
        var omega = new float[columns * width];
        for (var index = 0; index < omega.Length; index++)
        {
            omega[index] = (float)Gaussian(random);
        }

        var q = Orthonormalize(matrix.Multiply(omega, width, cancellationToken), width);
        for (var iteration = 0; iteration < options.PowerIterations; iteration++)
        {
            var z = Orthonormalize(transpose.Multiply(q, width, cancellationToken), width);
            q = Orthonormalize(matrix.Multiply(z, width, cancellationToken), width);
        }

        // B = Qᵀ·A is width × columns; its transpose Aᵀ·Q is what a row product gives.
        var bt = transpose.Multiply(q, width, cancellationToken);
        var gram = Gram(bt, width);
        var (values, vectors) = SymmetricEigen(gram, width);
        var order = Enumerable.Range(0, width).OrderByDescending(index => values[index]).Take(rank).ToArray();

        // V = Bᵀ·W·S⁻¹: the right singular vectors, from the eigenvectors W of B·Bᵀ (columns of W reordered and scaled first).
        var scaled = new float[width * rank];
        for (var output = 0; output < rank; output++)
        {
            var component = order[output];
            var singular = Math.Sqrt(Math.Max(values[component], 0));
            for (var inner = 0; singular > 1e-9 && inner < width; inner++)
            {
                scaled[(inner * rank) + output] = (float)(vectors[(inner * width) + component] / singular);
            }
        }

        var result = new float[columns * rank];
        Parallel.For(0, columns, new ParallelOptions { CancellationToken = cancellationToken }, row =>
        {
            var target = result.AsSpan(row * rank, rank);
            for (var inner = 0; inner < width; inner++)
            {
                TensorPrimitives.MultiplyAdd(scaled.AsSpan(inner * rank, rank), bt[(row * width) + inner], target, target);
            }
        });

        return result;
    }

    /// <summary>An orthonormal basis of the columns of a tall row-major matrix (Cholesky QR, done twice for accuracy).</summary>
    internal static float[] Orthonormalize(float[] matrix, int width)
    {
        var result = matrix;
        for (var pass = 0; pass < 2; pass++)
        {
            var gram = Gram(result, width);
            var trace = 0.0;
            for (var index = 0; index < width; index++)
            {
                trace += gram[(index * width) + index];
            }

            // A small ridge keeps the factorisation defined when columns are dependent (tiny repositories, or a
            // power iteration that meets the matrix's rank); it is above the float rounding of the Gram matrix.
            var ridge = Math.Max(trace, 1e-30) * 1e-6;
            for (var index = 0; index < width; index++)
            {
                gram[(index * width) + index] += ridge;
            }

            // Q = Y·L⁻ᵀ: each row of Q is a sum of rows of L⁻ᵀ weighted by the row of Y.
            var inverse = LowerInverse(Cholesky(gram, width, ridge), width);
            var inverseTransposed = new float[width * width];
            for (var row = 0; row < width; row++)
            {
                for (var column = 0; column <= row; column++)
                {
                    inverseTransposed[(column * width) + row] = (float)inverse[(row * width) + column];
                }
            }

            var rows = result.Length / width;
            var source = result;
            var next = new float[result.Length];
            Parallel.For(0, rows, row =>
            {
                var target = next.AsSpan(row * width, width);
                for (var inner = 0; inner < width; inner++)
                {
                    var value = source[(row * width) + inner];
                    if (value != 0)
                    {
                        TensorPrimitives.MultiplyAdd(inverseTransposed.AsSpan(inner * width, width), value, target, target);
                    }
                }
            });
            result = next;
        }

        return result;
    }

    /// <summary>Mᵀ·M of a row-major matrix: rows summed in float in blocks, blocks summed in double.</summary>
    internal static double[] Gram(float[] matrix, int width)
    {
        const int BlockRows = 256;
        var rows = matrix.Length / width;
        var total = new double[width * width];
        var gate = new object();
        Parallel.For(0, (rows + BlockRows - 1) / BlockRows, block =>
        {
            var local = new float[width * width];
            for (var row = block * BlockRows; row < Math.Min(rows, (block + 1) * BlockRows); row++)
            {
                var vector = matrix.AsSpan(row * width, width);
                for (var left = 0; left < width; left++)
                {
                    if (vector[left] != 0)
                    {
                        TensorPrimitives.MultiplyAdd(vector, vector[left], local.AsSpan(left * width, width), local.AsSpan(left * width, width));
                    }
                }
            }

            lock (gate)
            {
                for (var index = 0; index < local.Length; index++)
                {
                    total[index] += local[index];
                }
            }
        });
        return total;
    }

    /// <summary>L⁻¹ of a lower-triangular matrix.</summary>
    private static double[] LowerInverse(double[] lower, int size)
    {
        var inverse = new double[size * size];
        for (var column = 0; column < size; column++)
        {
            inverse[(column * size) + column] = 1 / lower[(column * size) + column];
            for (var row = column + 1; row < size; row++)
            {
                var sum = 0.0;
                for (var inner = column; inner < row; inner++)
                {
                    sum -= lower[(row * size) + inner] * inverse[(inner * size) + column];
                }

                inverse[(row * size) + column] = sum / lower[(row * size) + row];
            }
        }

        return inverse;
    }

    /// <summary>Lower Cholesky factor; a pivot below <paramref name="floor"/> (a dependent column) is raised to it.</summary>
    private static double[] Cholesky(double[] matrix, int size, double floor)
    {
        var lower = new double[size * size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column <= row; column++)
            {
                var sum = matrix[(row * size) + column];
                for (var inner = 0; inner < column; inner++)
                {
                    sum -= lower[(row * size) + inner] * lower[(column * size) + inner];
                }

                lower[(row * size) + column] = row == column ? Math.Sqrt(Math.Max(sum, floor)) : sum / lower[(column * size) + column];
            }
        }

        return lower;
    }

    /// <summary>Eigenvalues and eigenvectors (columns, row-major) of a small symmetric matrix by cyclic Jacobi rotations.</summary>
    internal static (double[] Values, double[] Vectors) SymmetricEigen(double[] matrix, int size)
    {
        var a = (double[])matrix.Clone();
        var vectors = new double[size * size];
        for (var index = 0; index < size; index++)
        {
            vectors[(index * size) + index] = 1;
        }

        for (var sweep = 0; sweep < 60; sweep++)
        {
            var off = 0.0;
            var diagonal = 0.0;
            for (var row = 0; row < size; row++)
            {
                diagonal += a[(row * size) + row] * a[(row * size) + row];
                for (var column = row + 1; column < size; column++)
                {
                    off += a[(row * size) + column] * a[(row * size) + column];
                }
            }

            if (off <= 1e-22 * Math.Max(diagonal, 1e-300))
            {
                break;
            }

            for (var p = 0; p < size; p++)
            {
                for (var r = p + 1; r < size; r++)
                {
                    var apr = a[(p * size) + r];
                    if (Math.Abs(apr) < 1e-300 || !double.IsFinite(apr))
                    {
                        continue;
                    }

                    var theta = (a[(r * size) + r] - a[(p * size) + p]) / (2 * apr);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < size; k++)
                    {
                        var akp = a[(k * size) + p];
                        var akr = a[(k * size) + r];
                        a[(k * size) + p] = (c * akp) - (s * akr);
                        a[(k * size) + r] = (s * akp) + (c * akr);
                    }

                    for (var k = 0; k < size; k++)
                    {
                        var apk = a[(p * size) + k];
                        var ark = a[(r * size) + k];
                        a[(p * size) + k] = (c * apk) - (s * ark);
                        a[(r * size) + k] = (s * apk) + (c * ark);
                    }

                    for (var k = 0; k < size; k++)
                    {
                        var vkp = vectors[(k * size) + p];
                        var vkr = vectors[(k * size) + r];
                        vectors[(k * size) + p] = (c * vkp) - (s * vkr);
                        vectors[(k * size) + r] = (s * vkp) + (c * vkr);
                    }
                }
            }
        }

        var values = new double[size];
        for (var index = 0; index < size; index++)
        {
            values[index] = a[(index * size) + index];
        }

        return (values, vectors);
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: two uniforms give one standard normal (the second is dropped; speed does not matter here).
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
