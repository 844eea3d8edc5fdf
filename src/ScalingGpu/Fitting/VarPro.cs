using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>
/// Variable Projection fit of L = E + A·N^−α + B·D^−β (DESIGN.md §1): for each (α, β) on a dense grid the model is
/// linear in (E, A, B), solved exactly with E, A, B ≥ 0; the best cell of each resample is then refined with bounded
/// L-BFGS on the profile objective using the analytic envelope gradient.
/// </summary>
public static partial class VarPro
{
    /// <summary>Fits one surface to all runs (weights all 1).</summary>
    /// <exception cref="InputDataException">The options are invalid.</exception>
    public static SurfaceFit Fit(RunTable runs, VarProOptions options, IComputeDevice device)
    {
        var weights = new double[runs.Count];
        Array.Fill(weights, 1.0);
        return FitWeighted(runs, weights, 1, options, device)[0];
    }

    /// <summary>
    /// Fits one surface per weight row (bootstrap multiplicities): all grids in batched launches, then the
    /// refinements in parallel on the host.
    /// </summary>
    /// <param name="weights">[resamples × runs.Count] non-negative weights.</param>
    /// <exception cref="InputDataException">The options are invalid.</exception>
    public static SurfaceFit[] FitWeighted(RunTable runs, double[] weights, int resamples, VarProOptions options, IComputeDevice device)
    {
        options.Validate();
        if (weights.Length != (long)resamples * runs.Count)
            throw new ArgumentException($"weights has {weights.Length} values; {resamples} resamples × {runs.Count} runs needs {resamples * runs.Count}.", nameof(weights));
        var tables = PointTables.From(runs, options.Space);
        GridCell[] best = BestCells(tables, weights, resamples, options, device);
        var fits = new SurfaceFit[resamples];
        Parallel.For(0, resamples, r =>
        {
            double[] row = weights.AsSpan(r * runs.Count, runs.Count).ToArray();
            fits[r] = options.Refine ? Refine(tables, row, best[r], options) : FromGrid(tables, row, best[r], options);
        });
        return fits;
    }

    internal static CellObjectiveSpec GridSpec(VarProOptions o) =>
        new(o.Objective == FitObjective.Huber, o.Delta, o.Space == LossSpace.Log, maxIterations: 500, tolerance: 1e-13);

    internal static CellObjectiveSpec RefineSpec(VarProOptions o) =>
        new(o.Objective == FitObjective.Huber, o.Delta, o.Space == LossSpace.Log, maxIterations: 5000, tolerance: 1e-16);
}
