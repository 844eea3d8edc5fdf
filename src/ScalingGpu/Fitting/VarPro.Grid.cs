using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>The best grid cell of one resample.</summary>
internal readonly record struct GridCell(int AlphaIndex, int BetaIndex, double Alpha, double Beta, double Objective)
{
    public bool Found => double.IsFinite(Objective);
}

public static partial class VarPro
{
    /// <summary>
    /// The objective over the fit's (α, β) ranges on a grid coarse enough for a heatmap (at most
    /// <see cref="ObjectiveGrid.MaxPerAxis"/> values per axis; the step is a whole multiple of the fit's step).
    /// </summary>
    public static ObjectiveGrid Heatmap(RunTable runs, VarProOptions options, IComputeDevice device)
    {
        options.Validate();
        double range = Math.Max(options.AlphaHi - options.AlphaLo, options.BetaHi - options.BetaLo);
        double step = options.GridStep * Math.Max(1, Math.Ceiling(range / (ObjectiveGrid.MaxPerAxis - 1) / options.GridStep - 1e-9));
        double[] alphas = new GridAxis(options.AlphaLo, options.AlphaHi, step).Values();
        double[] betas = new GridAxis(options.BetaLo, options.BetaHi, step).Values();
        var tables = PointTables.From(runs, options.Space);
        var problem = Problem(tables, alphas, betas, Enumerable.Repeat(1.0, runs.Count).ToArray(), 1);
        var objective = new double[problem.Shape.WorkItems];
        device.EvaluateGrid(problem, GridSpec(options), objective);
        return new ObjectiveGrid(alphas, betas, objective);
    }

    // Launches the grid in chunks of resamples that fit the device's memory budget; argmin per resample on the host
    // (first minimum wins ties, as the peer's argmin does).
    static GridCell[] BestCells(PointTables tables, double[] weights, int resamples, VarProOptions options, IComputeDevice device)
    {
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        long cells = (long)alphas.Length * betas.Length;
        int chunk = (int)Math.Clamp(device.MemoryBudgetBytes / (cells * sizeof(double)), 1, resamples);
        int n = tables.Count;
        var best = new GridCell[resamples];
        var objective = new double[chunk * cells];
        for (int first = 0; first < resamples; first += chunk)
        {
            int count = Math.Min(chunk, resamples - first);
            double[] rows = weights.AsSpan(first * n, count * n).ToArray();
            var problem = Problem(tables, alphas, betas, rows, count);
            if (objective.Length != problem.Shape.WorkItems) objective = new double[problem.Shape.WorkItems];
            device.EvaluateGrid(problem, GridSpec(options), objective);
            for (int r = 0; r < count; r++)
            {
                int arg = ArgMin(objective.AsSpan((int)(r * cells), (int)cells));
                best[first + r] = arg < 0
                    ? new GridCell(-1, -1, double.NaN, double.NaN, double.PositiveInfinity)
                    : new GridCell(arg / betas.Length, arg % betas.Length, alphas[arg / betas.Length], betas[arg % betas.Length], objective[r * cells + arg]);
            }
        }
        return best;
    }

    static GridProblem Problem(PointTables tables, double[] alphas, double[] betas, double[] weights, int resamples) => new(
        PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens), tables.Y, weights,
        new GridShape(alphas.Length, betas.Length, tables.Count, resamples));

    static int ArgMin(ReadOnlySpan<double> values)
    {
        int arg = -1;
        double min = double.PositiveInfinity;
        for (int i = 0; i < values.Length; i++)
            if (values[i] < min) { min = values[i]; arg = i; }
        return arg;
    }
}
