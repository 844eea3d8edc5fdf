using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>The MSE shortlist by screening nested sub-grids on the accelerator (<see cref="ScreenKernels"/>).</summary>
internal sealed partial class IlgpuDevice
{
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int> axisTermsKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
        ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<Candidate>, ScreenShape> screenKernel;
    readonly Action<KernelConfig, ArrayView<Candidate>, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int, int> selectKernel;

    const int DefaultScreenCapacity = 8192;

    /// <summary>Candidate slots per resample and screening level (16 bytes each); 0 turns screening off (the dense route).</summary>
    public int ScreenCapacity { get; set; } = DefaultScreenCapacity;

    /// <summary>Resamples that took the dense route: each one with more candidates than slots at the finest level, and whole
    /// batches when the slots were too few for a coarse level to hold the shortlist or the screen kernel cannot run here.</summary>
    public int ScreenFallbacks { get; private set; }

    /// <summary>Shared memory of one screening group: the points staged in two double-buffered tiles per axis.</summary>
    public const int ScreenSharedBytes = 2 * 2 * ScreenKernels.Depth * ScreenKernels.Span * sizeof(double);

    // Null until the screen kernel first runs; false once it could not launch here (a GPU with fewer registers or less
    // shared memory per group than the H100 it was sized for), so later grids go straight to the dense route.
    bool? screenLaunches;

    /// <summary>The last screened shortlist's levels, coarsest first: stride and seconds of the screening kernel alone.</summary>
    public IReadOnlyList<(int Stride, double Seconds)> LastScreenLevels { get; private set; } = [];

    /// <summary>
    /// Strides of the nested sub-grids, coarsest first: powers of 8 down to 1, starting from the first whose sub-grid has
    /// at most <paramref name="capacity"/> cells (that level runs without a threshold, so it stores every cell).
    /// </summary>
    internal static List<int> ScreenStrides(GridShape shape, int capacity)
    {
        var strides = new List<int> { 1 };
        for (int s = 1; Cells(s) > capacity; ) strides.Insert(0, s *= 8);
        return strides;

        long Cells(int stride) => (long)((shape.AlphaCount + stride - 1) / stride) * ((shape.BetaCount + stride - 1) / stride);
    }

    // In batches of resamples whose candidate slots fit half the memory budget (and the launch grid's third dimension);
    // the resamples a batch cannot screen take the dense route.
    void Screen(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, batch = (int)Math.Clamp(MemoryBudgetBytes / 2 / (ScreenCapacity * 16L), 1, MaxResamplesPerLaunch);
        for (int first = 0; first < shape.ResampleCount; first += batch)
        {
            int count = Math.Min(batch, shape.ResampleCount - first);
            GridProblem slice = Resamples(problem, Enumerable.Range(first, count).ToArray());
            var (sliceCells, sliceValues) = (new int[count * length], new double[count * length]);
            int[] dense = TryScreenBatch(slice, length, sliceCells, sliceValues) ?? Enumerable.Range(0, count).ToArray();
            if (dense.Length > 0)
            {
                // Only the resamples the screen could not answer: one tie-heavy resample must not send its whole batch.
                ScreenFallbacks += dense.Length;
                var (denseCells, denseValues) = (new int[dense.Length * length], new double[dense.Length * length]);
                DenseShortlist(Resamples(slice, dense), spec, length, denseCells, denseValues);
                for (int j = 0; j < dense.Length; j++)
                {
                    Array.Copy(denseCells, j * length, sliceCells, dense[j] * length, length);
                    Array.Copy(denseValues, j * length, sliceValues, dense[j] * length, length);
                }
            }
            sliceCells.CopyTo(cells, first * length);
            sliceValues.CopyTo(values, first * length);
        }
    }

    // The sub-problem of some resamples (the power tables are shared; losses and weights are per resample).
    static GridProblem Resamples(GridProblem problem, int[] resamples)
    {
        GridShape shape = problem.Shape;
        if (resamples.Length == shape.ResampleCount && resamples.Select((r, j) => r == j).All(same => same)) return problem;
        int n = shape.PointCount;
        double[] Pick(double[] perResample) => resamples.SelectMany(r => perResample.AsSpan(r * n, n).ToArray()).ToArray();
        return problem with { Y = Pick(problem.Y), Weights = Pick(problem.Weights), Shape = new GridShape(shape.AlphaCount, shape.BetaCount, n, resamples.Length) };
    }

    // Each level screens its sub-grid against every resample's threshold, then keeps its k best and tightens the threshold
    // to the k-th: the k best of a sub-grid bound those of the finer grid that contains it. Returns the resamples that had
    // more candidates than slots at the finest level (their shortlists are left to the dense route), or null when the batch
    // cannot be screened: the coarsest level has fewer cells than the shortlist (its k-th best would be +∞ and every finer
    // level would overflow), or the kernel cannot launch on this accelerator.
    int[]? TryScreenBatch(GridProblem problem, int length, int[] cells, double[] values)
    {
        if (screenLaunches == false || accelerator.MaxSharedMemoryPerGroup < ScreenSharedBytes) return null;
        GridShape shape = problem.Shape;
        int resamples = shape.ResampleCount, n = shape.PointCount, capacity = ScreenCapacity;
        List<int> strides = ScreenStrides(shape, capacity);
        var coarsest = new ScreenShape(shape, strides[0], capacity);
        if (strides.Count > 1 && (long)coarsest.SubAlpha * coarsest.SubBeta < length) return null;
        using var sums = new DeviceSums(this, problem);
        using var x1T = accelerator.Allocate1D(MomentGrid.Transpose(problem.X1, shape.AlphaCount, n, shape.AlphaCount));
        using var x2T = accelerator.Allocate1D(MomentGrid.Transpose(problem.X2, shape.BetaCount, n, shape.BetaCount));
        using var alphaTerms = accelerator.Allocate1D<double>(sums.AlphaMoments.Length);
        using var betaTerms = accelerator.Allocate1D<double>(sums.BetaMoments.Length);
        axisTermsKernel(Launch((long)resamples * shape.AlphaCount), sums.AlphaMoments.View, sums.Totals.View, alphaTerms.View, shape.AlphaCount, resamples);
        axisTermsKernel(Launch((long)resamples * shape.BetaCount), sums.BetaMoments.View, sums.Totals.View, betaTerms.View, shape.BetaCount, resamples);
        using var thresholds = accelerator.Allocate1D(Enumerable.Repeat(double.PositiveInfinity, resamples).ToArray());
        using var counts = accelerator.Allocate1D<int>(resamples);
        counts.MemSetToZero();
        using var overflows = accelerator.Allocate1D<int>(resamples);
        using var candidates = accelerator.Allocate1D<Candidate>((long)resamples * capacity);
        using var outCells = accelerator.Allocate1D<int>(cells.Length);
        using var outValues = accelerator.Allocate1D<double>(values.Length);
        var levels = new List<(int, double)>();
        accelerator.Synchronize();
        foreach (int stride in strides)
        {
            var screen = new ScreenShape(shape, stride, capacity);
            const int span = ScreenKernels.Span, side = ScreenKernels.Side;
            var grid = new Index3D((screen.SubBeta + span - 1) / span, (screen.SubAlpha + span - 1) / span, resamples);
            long started = Stopwatch.GetTimestamp();
            try
            {
                screenKernel(new KernelConfig(grid, new Index3D(side, side, 1)), x1T.View, x2T.View, sums.W.View, sums.AlphaMoments.View, sums.BetaMoments.View,
                             alphaTerms.View, betaTerms.View, sums.Totals.View, thresholds.View, counts.View, candidates.View, screen);
                accelerator.Synchronize();   // a few microseconds per level, so the bench can rate the product kernel alone
            }
            catch (AcceleratorException) when (screenLaunches is null)
            {
                screenLaunches = false;   // e.g. CUDA's "too many resources requested for launch": not sticky, the context lives on
                return null;
            }
            screenLaunches = true;
            levels.Add((stride, Stopwatch.GetElapsedTime(started).TotalSeconds));
            selectKernel(Launch(resamples), candidates.View, counts.View, thresholds.View, overflows.View, outCells.View, outValues.View, capacity, length, resamples);
            accelerator.Synchronize();   // so the next level's time starts after this selection
        }
        LastScreenLevels = levels;
        outCells.CopyToCPU(cells);
        outValues.CopyToCPU(values);
        return overflows.GetAsArray1D().Select((flag, r) => (flag, r)).Where(x => x.flag != 0).Select(x => x.r).ToArray();
    }
}
