using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>Direct per-cell grid evaluation: the reference path, and the one for Huber and log-space objectives.</summary>
public static class GridKernels
{
    /// <summary>Objective of the best non-negative (E, A, B) for every (resample, α, β) cell.</summary>
    /// <param name="x1">[AlphaCount × PointCount] (N_i/N_ref)^−α per grid α.</param>
    /// <param name="x2">[BetaCount × PointCount] (D_i/D_ref)^−β per grid β.</param>
    /// <param name="y">[ResampleCount × PointCount] observed loss on the fit scale (rows differ for simulated replicates).</param>
    /// <param name="weights">[ResampleCount × PointCount] multiplicities.</param>
    /// <param name="objective">[ResampleCount × AlphaCount × BetaCount] output; +∞ for an unsolvable cell.</param>
    /// <param name="shape">Launch sizes.</param>
    /// <param name="spec">Objective to minimise.</param>
    public static void GridObjective(
        ArrayView<double> x1, ArrayView<double> x2, ArrayView<double> y, ArrayView<double> weights,
        ArrayView<double> objective, GridShape shape, CellObjectiveSpec spec)
    {
        long stride = (long)Grid.DimX * Group.DimX;   // launch size tunes speed, never correctness
        for (long item = Grid.GlobalIndex.X; item < shape.WorkItems; item += stride)
        {
            int b = (int)(item % shape.BetaCount);
            int a = (int)(item / shape.BetaCount % shape.AlphaCount);
            long r = item / shape.CellsPerResample;
            var points = new ViewCellPoints(x1, (long)a * shape.PointCount, x2, (long)b * shape.PointCount,
                                            y, r * shape.PointCount, weights, r * shape.PointCount, shape.PointCount);
            CellResult cell = CellObjective.Evaluate(points, spec);
            objective[item] = cell.Valid ? cell.Objective : double.PositiveInfinity;
        }
    }
}
