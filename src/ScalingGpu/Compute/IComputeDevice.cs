using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// Where grid work runs: the host (vectorised, multi-threaded) or an ILGPU accelerator. Open one with
/// <see cref="DeviceSelector.Select"/>; the work it does is internal to the library.
/// </summary>
public interface IComputeDevice : IDisposable
{
    /// <summary>Human-readable device name, reported in outputs.</summary>
    string Name { get; }

    /// <summary>Bytes this device can use for one batch of grid output (drives chunking over resamples).</summary>
    long MemoryBudgetBytes { get; }

    /// <summary>
    /// Writes the objective of the best non-negative (E, A, B) of every (resample, α, β) cell into
    /// <paramref name="objective"/> [ResampleCount × AlphaCount × BetaCount]; +∞ marks an unsolvable cell.
    /// </summary>
    internal void EvaluateGrid(GridProblem problem, CellObjectiveSpec spec, double[] objective);

    /// <summary>
    /// Writes each resample's <paramref name="length"/> best cells into <paramref name="cells"/> (α-major index within
    /// the problem) and <paramref name="values"/> (the objectives <see cref="EvaluateGrid"/> would write), both
    /// [ResampleCount × length], best first: smallest finite objective, ties to the smaller index. A resample with fewer
    /// finite cells is padded with (−1, +∞). The whole objective array never leaves the device.
    /// </summary>
    /// <exception cref="ArgumentException">An array does not match the problem, or a resample has more than int.MaxValue cells.</exception>
    internal void SmallestCells(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values);

    /// <summary>
    /// Writes the bootstrap multiplicities of resamples [first, first + count) under <paramref name="seed"/> into
    /// <paramref name="weights"/> [count × points]; identical on every device and for any batching.
    /// </summary>
    internal void Multiplicities(ResampleArrays plan, ulong seed, long first, int count, double[] weights);

    /// <summary>
    /// Simulated losses [replicates × points] of a design (N, D per point) under <paramref name="shape"/>: the true surface
    /// plus counter-based Gaussian noise (<see cref="SimulationKernels"/>), identical on every device.
    /// </summary>
    internal void SimulateLosses(double[] parameters, double[] tokens, SimulationShape shape, double[] losses);
}
