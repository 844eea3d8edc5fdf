using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>The best grid cell of one resample.</summary>
internal readonly record struct GridCell(int AlphaIndex, int BetaIndex, double Alpha, double Beta, double Objective)
{
    public bool Found => double.IsFinite(Objective);
}

internal static partial class VarPro
{
    /// <summary>
    /// The objective over the fit's (α, β) ranges on a grid coarse enough for a heatmap (at most
    /// <see cref="ObjectiveGrid.MaxPerAxis"/> values per axis; the step is a whole multiple of the fit's step).
    /// </summary>
    public static ObjectiveGrid Heatmap(RunTable runs, VarProOptions options, IComputeDevice device)
    {
        double range = Math.Max(options.AlphaHi - options.AlphaLo, options.BetaHi - options.BetaLo);
        double step = options.GridStep * Math.Max(1, Math.Ceiling(range / (ObjectiveGrid.MaxPerAxis - 1) / options.GridStep - 1e-9));
        double[] alphas = new GridAxis(options.AlphaLo, options.AlphaHi, step).Values();
        double[] betas = new GridAxis(options.BetaLo, options.BetaHi, step).Values();
        var tables = PointTables.From(runs, options.Space);
        var problem = Problem([tables], alphas, betas, Enumerable.Repeat(1.0, runs.Count).ToArray());
        var objective = new double[problem.Shape.WorkItems];
        device.EvaluateGrid(problem, GridSpec(options), objective);
        return new ObjectiveGrid(alphas, betas, objective);
    }

    // Each resample's shortlist of best grid cells from the device, in chunks of resamples (and, for a grid larger than the
    // device's memory budget, of α rows: the shortlists merge across chunks, so the grid streams); then each resample's
    // best cell is confirmed on the host.
    static GridCell[] BestCells(PointTables[] tables, double[] weights, VarProOptions options, IComputeDevice device)
    {
        int resamples = tables.Length, n = tables[0].Count;
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        double[] x1 = PointTables.PowerTable(alphas, tables[0].LogParams), x2 = PointTables.PowerTable(betas, tables[0].LogTokens);   // shared by every chunk
        var (resampleChunk, alphaChunk) = Chunks(alphas.Length, betas.Length, resamples, device.MemoryBudgetBytes);
        var shortlists = Enumerable.Range(0, resamples).Select(_ => new CellShortlist(ConfirmedCells)).ToArray();
        var cells = new int[resampleChunk * ConfirmedCells];
        var values = new double[resampleChunk * ConfirmedCells];
        for (int first = 0; first < resamples; first += resampleChunk)
        {
            int count = Math.Min(resampleChunk, resamples - first);
            double[] y = tables[first..(first + count)].SelectMany(t => t.Y).ToArray(), rows = weights.AsSpan(first * n, count * n).ToArray();
            for (int a0 = 0; a0 < alphas.Length; a0 += alphaChunk)
            {
                int alphaRows = Math.Min(alphaChunk, alphas.Length - a0);
                double[] x1Rows = alphaRows == alphas.Length ? x1 : x1.AsSpan(a0 * n, alphaRows * n).ToArray();
                var problem = new GridProblem(x1Rows, x2, y, rows, new GridShape(alphaRows, betas.Length, n, count));
                int[] chunkCells = count == resampleChunk ? cells : new int[count * ConfirmedCells];
                double[] chunkValues = count == resampleChunk ? values : new double[count * ConfirmedCells];
                device.SmallestCells(problem, GridSpec(options), ConfirmedCells, chunkCells, chunkValues);
                for (int r = 0; r < count; r++)
                    shortlists[first + r].Merge(chunkCells.AsSpan(r * ConfirmedCells, ConfirmedCells), chunkValues.AsSpan(r * ConfirmedCells, ConfirmedCells), (long)a0 * betas.Length);
            }
        }
        var best = new GridCell[resamples];
        Parallel.For(0, resamples, r =>
        {
            double[] row = weights.AsSpan(r * n, n).ToArray();
            best[r] = Confirm(tables[r], row, shortlists[r].Cells(), alphas, betas, options);
        });
        return best;
    }

    // Resamples per launch and α rows per launch: whole grids while a resample's grid fits the memory budget (and at most
    // the resamples an accelerator's launch indexes), else one resample at a time in α slices that fit it (and that a
    // shortlist can index).
    static (int Resamples, int Alphas) Chunks(int alphaCount, int betaCount, int resamples, long budgetBytes)
    {
        long cellBytes = (long)alphaCount * betaCount * sizeof(double);
        if (cellBytes <= budgetBytes && (long)alphaCount * betaCount <= int.MaxValue)
            return ((int)Math.Clamp(budgetBytes / cellBytes, 1, Math.Min(resamples, IlgpuDevice.MaxResamplesPerLaunch)), alphaCount);
        long rows = Math.Min(budgetBytes / ((long)betaCount * sizeof(double)), int.MaxValue / betaCount);
        return (1, (int)Math.Clamp(rows, 1, alphaCount));
    }

    // The rows share the design (power tables from the first); each row brings its own observed values.
    static GridProblem Problem(PointTables[] rows, double[] alphas, double[] betas, double[] weights) => new(
        PointTables.PowerTable(alphas, rows[0].LogParams), PointTables.PowerTable(betas, rows[0].LogTokens), rows.SelectMany(t => t.Y).ToArray(), weights,
        new GridShape(alphas.Length, betas.Length, rows[0].Count, rows.Length));

    // Cells whose objective is re-evaluated directly: sums-based values can misorder near-ties by cancellation.
    const int ConfirmedCells = 16;

    // The best cell of one resample: its shortlist of lowest grid values, each recomputed over the points; the lowest
    // recomputed objective wins (ties: the first cell in α-major order).
    static GridCell Confirm(PointTables tables, double[] weights, long[] candidates, double[] alphas, double[] betas, VarProOptions options)
    {
        if (candidates.Length == 0) return new GridCell(-1, -1, double.NaN, double.NaN, double.PositiveInfinity);
        var profile = new ProfileObjective(tables, weights, GridSpec(options));
        GridCell best = default;
        double bestValue = double.PositiveInfinity;
        foreach (long cell in candidates.Order())
        {
            int a = (int)(cell / betas.Length), b = (int)(cell % betas.Length);
            CellResult result = profile.Solve(alphas[a], betas[b]);
            if (result.Valid && result.Objective < bestValue)
            {
                bestValue = result.Objective;
                best = new GridCell(a, b, alphas[a], betas[b], result.Objective);
            }
        }
        return double.IsFinite(bestValue) ? best : new GridCell(-1, -1, double.NaN, double.NaN, double.PositiveInfinity);
    }
}
