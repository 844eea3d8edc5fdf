using System.Numerics.Tensors;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The MSE grid by sufficient statistics on the host (DESIGN.md §1): per-α sums Σw·x1, Σw·x1², Σw·x1·y, per-β sums,
/// and one vectorised dot product Σ(w·x1)·x2 per cell; then the exact non-negative solve from the sums. About n
/// multiply-adds per cell instead of the direct path's two passes with exponent tables. RSS values carry cancellation
/// error (relative ~1e−10 at worst), which is why <see cref="Fitting.VarPro"/> re-evaluates each resample's best cells directly.
/// </summary>
internal static class MomentGrid
{
    public static void Evaluate(GridProblem problem, double[] objective)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, ga = shape.AlphaCount, gb = shape.BetaCount;
        // Per resample: weighted x1 rows (reused by every β) and the per-axis moments.
        var weighted = new double[shape.ResampleCount][];
        var alphaMoments = new double[shape.ResampleCount][];
        var betaMoments = new double[shape.ResampleCount][];
        var totals = new (double W, double Sy, double Syy)[shape.ResampleCount];
        Parallel.For(0, shape.ResampleCount, r =>
        {
            ReadOnlySpan<double> w = problem.Weights.AsSpan(r * n, n), y = problem.Y;
            var wy = new double[n];
            TensorPrimitives.Multiply(w, y, wy);
            totals[r] = (TensorPrimitives.Sum(w), TensorPrimitives.Sum(wy), TensorPrimitives.Dot(wy, y));
            weighted[r] = new double[ga * n];
            alphaMoments[r] = new double[3 * ga];
            for (int a = 0; a < ga; a++)
            {
                ReadOnlySpan<double> x1 = problem.X1.AsSpan(a * n, n);
                Span<double> wx1 = weighted[r].AsSpan(a * n, n);
                TensorPrimitives.Multiply(w, x1, wx1);
                alphaMoments[r][3 * a] = TensorPrimitives.Sum(wx1);
                alphaMoments[r][3 * a + 1] = TensorPrimitives.Dot(wx1, x1);
                alphaMoments[r][3 * a + 2] = TensorPrimitives.Dot(wx1, y);
            }
            betaMoments[r] = new double[3 * gb];
            var wx2 = new double[n];
            for (int b = 0; b < gb; b++)
            {
                ReadOnlySpan<double> x2 = problem.X2.AsSpan(b * n, n);
                TensorPrimitives.Multiply(w, x2, wx2);
                betaMoments[r][3 * b] = TensorPrimitives.Sum(wx2);
                betaMoments[r][3 * b + 1] = TensorPrimitives.Dot(wx2, x2);
                betaMoments[r][3 * b + 2] = TensorPrimitives.Dot(wx2, y);
            }
        });

        Parallel.For(0, shape.ResampleCount * ga, row =>
        {
            int r = row / ga, a = row % ga;
            ReadOnlySpan<double> wx1 = weighted[r].AsSpan(a * n, n);
            double[] am = alphaMoments[r], bm = betaMoments[r];
            var (w, sy, syy) = totals[r];
            long baseIndex = (long)row * gb;
            for (int b = 0; b < gb; b++)
            {
                double s12 = TensorPrimitives.Dot(wx1, problem.X2.AsSpan(b * n, n));
                var sums = CellSums.FromMoments(w, am[3 * a], bm[3 * b], sy, am[3 * a + 1], bm[3 * b + 1], s12, am[3 * a + 2], bm[3 * b + 2], syy);
                CellSolution cell = NonNegativeSolve.Solve(sums);
                objective[baseIndex + b] = cell.Valid ? cell.Rss : double.PositiveInfinity;
            }
        });
    }
}
