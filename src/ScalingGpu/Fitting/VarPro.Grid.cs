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
        var problem = Problem([tables], alphas, betas, Enumerable.Repeat(1.0, runs.Count).ToArray());
        var objective = new double[problem.Shape.WorkItems];
        device.EvaluateGrid(problem, GridSpec(options), objective);
        return new ObjectiveGrid(alphas, betas, objective);
    }

    // Launches the grid in chunks of resamples that fit the device's memory budget, then confirms each resample's best
    // cell on the host.
    static GridCell[] BestCells(PointTables[] tables, double[] weights, VarProOptions options, IComputeDevice device)
    {
        int resamples = tables.Length;
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        long cells = (long)alphas.Length * betas.Length;
        int chunk = (int)Math.Clamp(device.MemoryBudgetBytes / (cells * sizeof(double)), 1, resamples);
        int n = tables[0].Count;
        var best = new GridCell[resamples];
        var objective = new double[chunk * cells];
        for (int first = 0; first < resamples; first += chunk)
        {
            int count = Math.Min(chunk, resamples - first);
            double[] rows = weights.AsSpan(first * n, count * n).ToArray();
            var problem = Problem(tables[first..(first + count)], alphas, betas, rows);
            if (objective.Length != problem.Shape.WorkItems) objective = new double[problem.Shape.WorkItems];
            device.EvaluateGrid(problem, GridSpec(options), objective);
            Parallel.For(0, count, r =>
            {
                double[] row = weights.AsSpan((first + r) * n, n).ToArray();
                best[first + r] = Confirm(tables[first + r], row, objective.AsSpan((int)(r * cells), (int)cells), alphas, betas, options);
            });
        }
        return best;
    }

    // The rows share the design (power tables from the first); each row brings its own observed values.
    static GridProblem Problem(PointTables[] rows, double[] alphas, double[] betas, double[] weights) => new(
        PointTables.PowerTable(alphas, rows[0].LogParams), PointTables.PowerTable(betas, rows[0].LogTokens), rows.SelectMany(t => t.Y).ToArray(), weights,
        new GridShape(alphas.Length, betas.Length, rows[0].Count, rows.Length));

    // Cells whose objective is re-evaluated directly: sums-based values can misorder near-ties by cancellation.
    const int ConfirmedCells = 16;

    // The best cell of one resample: the lowest few grid values, each recomputed over the points; the lowest
    // recomputed objective wins (ties: the first cell in α-major order).
    static GridCell Confirm(PointTables tables, double[] weights, ReadOnlySpan<double> objective, double[] alphas, double[] betas, VarProOptions options)
    {
        int[] candidates = SmallestIndices(objective, ConfirmedCells);
        if (candidates.Length == 0) return new GridCell(-1, -1, double.NaN, double.NaN, double.PositiveInfinity);
        var profile = new ProfileObjective(tables, weights, GridSpec(options));
        GridCell best = default;
        double bestValue = double.PositiveInfinity;
        foreach (int cell in candidates.Order())
        {
            int a = cell / betas.Length, b = cell % betas.Length;
            CellResult result = profile.Solve(alphas[a], betas[b]);
            if (result.Valid && result.Objective < bestValue)
            {
                bestValue = result.Objective;
                best = new GridCell(a, b, alphas[a], betas[b], result.Objective);
            }
        }
        return double.IsFinite(bestValue) ? best : new GridCell(-1, -1, double.NaN, double.NaN, double.PositiveInfinity);
    }

    // Indices of the k smallest finite values (any order).
    static int[] SmallestIndices(ReadOnlySpan<double> values, int k)
    {
        var heap = new PriorityQueue<int, double>(k + 1, Comparer<double>.Create((x, y) => y.CompareTo(x)));   // max-heap
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v < double.PositiveInfinity)) continue;
            if (heap.Count < k) heap.Enqueue(i, v);
            else if (heap.TryPeek(out _, out double worst) && v < worst) heap.EnqueueDequeue(i, v);
        }
        var result = new int[heap.Count];
        for (int j = 0; j < result.Length; j++) result[j] = heap.Dequeue();
        return result;
    }
}
