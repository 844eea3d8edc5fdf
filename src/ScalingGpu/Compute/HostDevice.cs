using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>The CPU path: the kernels' cell code run by <see cref="Parallel.For(int, int, Action{int})"/> over (resample, α) rows.</summary>
public sealed class HostDevice : IComputeDevice
{
    /// <inheritdoc/>
    public string Name => $"cpu ({Environment.ProcessorCount} threads)";

    /// <inheritdoc/>
    public long MemoryBudgetBytes => 1L << 30;

    /// <inheritdoc/>
    public void EvaluateGrid(GridProblem problem, CellObjectiveSpec spec, double[] objective)
    {
        problem.Validate();
        GridShape shape = problem.Shape;
        if (objective.Length != shape.WorkItems)
            throw new ArgumentException($"Output has {objective.Length} cells; the grid shape needs {shape.WorkItems}.", nameof(objective));
        int n = shape.PointCount;
        Parallel.For(0, shape.ResampleCount * shape.AlphaCount, row =>
        {
            int r = row / shape.AlphaCount, a = row % shape.AlphaCount;
            long baseIndex = (long)row * shape.BetaCount;
            for (int b = 0; b < shape.BetaCount; b++)
            {
                var points = new ArrayCellPoints(problem.X1, a * n, problem.X2, b * n, problem.Y, problem.Weights, r * n);
                CellResult cell = CellObjective.Evaluate(points, spec);
                objective[baseIndex + b] = cell.Valid ? cell.Objective : double.PositiveInfinity;
            }
        });
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
