using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>
/// Variable Projection fit of L = E + A·N^−α + B·D^−β (DESIGN.md §1): for each (α, β) on a dense grid the model is
/// linear in (E, A, B), solved exactly with E, A, B ≥ 0; the best cell of each resample is then refined with bounded
/// L-BFGS on the profile objective using the analytic envelope gradient.
/// </summary>
internal static partial class VarPro
{
    /// <summary>Fits one surface to all runs (weights all 1).</summary>
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
    public static SurfaceFit[] FitWeighted(RunTable runs, double[] weights, int resamples, VarProOptions options, IComputeDevice device)
    {
        if (weights.Length != (long)resamples * runs.Count)
            throw new ArgumentException($"weights has {weights.Length} values; {resamples} resamples × {runs.Count} runs needs {resamples * runs.Count}.", nameof(weights));
        var tables = PointTables.From(runs, options.Space);
        return FitRows(Enumerable.Repeat(tables, resamples).ToArray(), weights, options, device);
    }

    /// <summary>
    /// Fits each of several simulated replicates of one design (same N and D, different losses) in batched grid launches,
    /// then refines each in parallel on the host.
    /// </summary>
    /// <exception cref="ArgumentException">The replicates do not share their N and D.</exception>
    public static SurfaceFit[] FitReplicates(IReadOnlyList<RunTable> replicates, VarProOptions options, IComputeDevice device)
    {
        RunTable first = replicates[0];
        if (replicates.Any(t => !t.Params.AsSpan().SequenceEqual(first.Params) || !t.Tokens.AsSpan().SequenceEqual(first.Tokens)))
            throw new ArgumentException("Replicates batched into one grid must share their design (N and D).", nameof(replicates));
        var weights = new double[replicates.Count * first.Count];
        Array.Fill(weights, 1.0);
        return FitRows(replicates.Select(t => PointTables.From(t, options.Space)).ToArray(), weights, options, device);
    }

    // One fit per row: row r has its own observed values (tables[r].Y) and weights; the design is shared.
    static SurfaceFit[] FitRows(PointTables[] tables, double[] weights, VarProOptions options, IComputeDevice device)
    {
        int n = tables[0].Count;
        GridCell[] best = BestCells(tables, weights, options, device);
        var fits = new SurfaceFit[tables.Length];
        Parallel.For(0, tables.Length, r =>
        {
            double[] row = weights.AsSpan(r * n, n).ToArray();
            fits[r] = options.Refine ? Refine(tables[r], row, best[r], options) : FromGrid(tables[r], row, best[r], options);
        });
        return fits;
    }

    internal static CellObjectiveSpec GridSpec(VarProOptions o) =>
        new(o.Objective == FitObjective.Huber, o.Delta, o.Space == LossSpace.Log, maxIterations: 500, tolerance: 1e-13);

    internal static CellObjectiveSpec RefineSpec(VarProOptions o) =>
        new(o.Objective == FitObjective.Huber, o.Delta, o.Space == LossSpace.Log, maxIterations: 5000, tolerance: 1e-16);
}
