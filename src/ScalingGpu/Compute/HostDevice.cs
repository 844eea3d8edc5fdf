using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The CPU path: MSE grids by sufficient statistics (<see cref="MomentGrid"/>; shortlists bound-pruned by
/// <see cref="MomentShortlist"/>), Huber grids four cells per vector
/// (<see cref="HuberGrid"/>); log-space grids, and every grid when <c>directOnly</c>, by the kernels' own cell code run over (resample, α) rows with <see cref="Parallel.For(int, int, Action{int})"/>.
/// </summary>
/// <param name="directOnly">Always use the direct per-cell path (the reference the moment path is tested against).</param>
/// <param name="memoryBudgetBytes">Grid output per launch; resamples are chunked to fit (256 MiB: larger chunks gain
/// nothing on the host and churn the large-object heap).</param>
internal sealed class HostDevice(bool directOnly = false, long memoryBudgetBytes = 256L << 20) : IComputeDevice
{
    /// <inheritdoc/>
    public string Name => $"cpu ({Environment.ProcessorCount} threads{(directOnly ? ", direct" : "")})";

    /// <inheritdoc/>
    public long MemoryBudgetBytes => memoryBudgetBytes;

    /// <inheritdoc/>
    public void EvaluateGrid(GridProblem problem, CellObjectiveSpec spec, double[] objective)
    {
        problem.Validate();
        GridShape shape = problem.Shape;
        if (objective.Length != shape.WorkItems)
            throw new ArgumentException($"Output has {objective.Length} cells; the grid shape needs {shape.WorkItems}.", nameof(objective));
        if (spec.IsLinear && !directOnly)
        {
            MomentGrid.Evaluate(problem, objective);
            return;
        }
        if (spec.Huber && !spec.LogSpace && !directOnly)
        {
            HuberGrid.Evaluate(problem, spec, objective);
            return;
        }
        int n = shape.PointCount;
        Parallel.For(0, shape.ResampleCount * shape.AlphaCount, row =>
        {
            int r = row / shape.AlphaCount, a = row % shape.AlphaCount;
            long baseIndex = (long)row * shape.BetaCount;
            for (int b = 0; b < shape.BetaCount; b++)
            {
                var points = new ArrayCellPoints(problem.X1, a * n, problem.X2, b * n, problem.Y, r * n, problem.Weights, r * n, n);
                CellResult cell = CellObjective.Evaluate(points, spec);
                objective[baseIndex + b] = cell.Valid ? cell.Objective : double.PositiveInfinity;
            }
        });
    }

    /// <inheritdoc/>
    public void SmallestCells(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values)
    {
        problem.ValidateShortlist(length, cells, values);
        if (spec.IsLinear && !directOnly)
        {
            MomentShortlist.Find(problem, length, cells, values);   // bound-pruned: the grid is never materialised
            return;
        }
        var objective = new double[problem.Shape.WorkItems];
        EvaluateGrid(problem, spec, objective);
        CellShortlist.Select(objective, problem.Shape, length, cells, values);
    }

    /// <inheritdoc/>
    public void Multiplicities(ResampleArrays plan, ulong seed, long first, int count, double[] weights) =>
        plan.HostMultiplicities(seed, first, count, weights);

    /// <inheritdoc/>
    public void SimulateLosses(double[] parameters, double[] tokens, SimulationShape shape, double[] losses)
    {
        int n = shape.PointCount;
        for (int r = 0; r < shape.ReplicateCount; r++)
            for (int i = 0; i < n; i++) losses[r * n + i] = SimulationKernels.Loss(shape, parameters[i], tokens[i], r, i);
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
