using System.Numerics.Tensors;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The MSE grid by sufficient statistics on the host (DESIGN.md §1): per-α sums Σw·x1, Σw·x1², Σw·x1·y, per-β sums, and
/// the cross terms Σ(w·x1)·x2 of all cells as a register-blocked matrix product (<see cref="CrossProducts"/>); then the
/// exact non-negative solve of each cell from its sums. About n fused multiply-adds per cell instead of the direct
/// path's two passes. RSS values carry cancellation error (relative ~1e−10 at worst), which is why
/// <see cref="Fitting.VarPro"/> re-evaluates each resample's best cells directly.
/// </summary>
internal static class MomentGrid
{
    public static void Evaluate(GridProblem problem, double[] objective)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, ga = shape.AlphaCount, gb = shape.BetaCount;
        int alphaBlocks = (ga + CrossProducts.Rows - 1) / CrossProducts.Rows;
        int stride = (gb + CrossProducts.Columns - 1) / CrossProducts.Columns * CrossProducts.Columns;
        double[] x2Transposed = Transpose(problem.X2, gb, n, stride);   // zero-padded to whole column blocks
        var perResample = new ResampleMoments[shape.ResampleCount];
        Parallel.For(0, shape.ResampleCount, r => perResample[r] = ResampleMoments.Of(problem, r, alphaBlocks * CrossProducts.Rows));

        Parallel.For(0, shape.ResampleCount * alphaBlocks, work =>
        {
            int r = work / alphaBlocks, a0 = work % alphaBlocks * CrossProducts.Rows;
            ResampleMoments m = perResample[r];
            Span<double> cross = stackalloc double[CrossProducts.Rows * CrossProducts.Columns];
            ReadOnlySpan<double> rows = m.WeightedX1.AsSpan(a0 * n, CrossProducts.Rows * n);
            for (int b0 = 0; b0 < gb; b0 += CrossProducts.Columns)
            {
                CrossProducts.Block(rows, x2Transposed, stride, b0, n, cross);
                for (int i = 0; i < CrossProducts.Rows && a0 + i < ga; i++)
                    for (int j = 0; j < CrossProducts.Columns && b0 + j < gb; j++)
                    {
                        int a = a0 + i, b = b0 + j;
                        var sums = CellSums.FromMoments(m.W, m.Alpha[3 * a], m.Beta[3 * b], m.Sy, m.Alpha[3 * a + 1], m.Beta[3 * b + 1],
                                                        cross[i * CrossProducts.Columns + j], m.Alpha[3 * a + 2], m.Beta[3 * b + 2], m.Syy);
                        CellSolution cell = NonNegativeSolve.Solve(sums);
                        objective[((long)r * ga + a) * gb + b] = cell.Valid ? cell.Rss : double.PositiveInfinity;
                    }
            }
        });
    }

    /// <summary>[rows × n] → [n × stride] (point-major, rows padded to stride): the layout both moment paths multiply.</summary>
    internal static double[] Transpose(double[] table, int rows, int n, int stride)
    {
        var result = new double[n * stride];
        for (int b = 0; b < rows; b++)
            for (int i = 0; i < n; i++) result[i * stride + b] = table[b * n + i];
        return result;
    }

    /// <summary>One resample's weighted x1 rows (zero-padded to whole α blocks) and its per-axis moments.</summary>
    sealed class ResampleMoments
    {
        public required double[] WeightedX1 { get; init; }
        /// <summary>[3 × Gα]: Σw·x1, Σw·x1², Σw·x1·y per α.</summary>
        public required double[] Alpha { get; init; }
        /// <summary>[3 × Gβ]: Σw·x2, Σw·x2², Σw·x2·y per β.</summary>
        public required double[] Beta { get; init; }
        public double W, Sy, Syy;

        public static ResampleMoments Of(GridProblem problem, int r, int paddedAlphas)
        {
            GridShape shape = problem.Shape;
            int n = shape.PointCount;
            ReadOnlySpan<double> w = problem.Weights.AsSpan(r * n, n), y = problem.Y.AsSpan(r * n, n);
            var wy = new double[n];
            TensorPrimitives.Multiply(w, y, wy);
            var m = new ResampleMoments
            {
                WeightedX1 = new double[paddedAlphas * n], Alpha = new double[3 * shape.AlphaCount], Beta = new double[3 * shape.BetaCount],
                W = TensorPrimitives.Sum(w), Sy = TensorPrimitives.Sum(wy), Syy = TensorPrimitives.Dot(wy, y),
            };
            for (int a = 0; a < shape.AlphaCount; a++)
                AxisMoments(w, problem.X1.AsSpan(a * n, n), y, m.WeightedX1.AsSpan(a * n, n), m.Alpha.AsSpan(3 * a, 3));
            var wx2 = new double[n];
            for (int b = 0; b < shape.BetaCount; b++)
                AxisMoments(w, problem.X2.AsSpan(b * n, n), y, wx2, m.Beta.AsSpan(3 * b, 3));
            return m;
        }
    }

    /// <summary>
    /// One table row's moments: w·x into <paramref name="wx"/>, and Σw·x, Σw·x², Σw·x·y into <paramref name="moments"/>
    /// (shared by the full grid and the shortlist, so both form the same sums).
    /// </summary>
    internal static void AxisMoments(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> wx, Span<double> moments)
    {
        TensorPrimitives.Multiply(w, x, wx);
        moments[0] = TensorPrimitives.Sum(wx);
        moments[1] = TensorPrimitives.Dot(wx, x);
        moments[2] = TensorPrimitives.Dot(wx, y);
    }
}
