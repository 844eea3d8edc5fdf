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

    /// <summary>Batches of resamples that took the dense route: a resample had more candidates than slots, or the slots were
    /// too few for a coarse level to hold the shortlist.</summary>
    public int ScreenFallbacks { get; private set; }

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
    // a batch that cannot be screened takes the dense route.
    void Screen(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, batch = (int)Math.Clamp(MemoryBudgetBytes / 2 / (ScreenCapacity * 16L), 1, MaxResamplesPerLaunch);
        for (int first = 0; first < shape.ResampleCount; first += batch)
        {
            int count = Math.Min(batch, shape.ResampleCount - first);
            bool whole = count == shape.ResampleCount;
            GridProblem slice = whole ? problem : problem with
            {
                Y = problem.Y.AsSpan(first * n, count * n).ToArray(), Weights = problem.Weights.AsSpan(first * n, count * n).ToArray(),
                Shape = new GridShape(shape.AlphaCount, shape.BetaCount, n, count),
            };
            var (sliceCells, sliceValues) = whole ? (cells, values) : (new int[count * length], new double[count * length]);
            if (!TryScreenBatch(slice, length, sliceCells, sliceValues))
            {
                ScreenFallbacks++;
                DenseShortlist(slice, spec, length, sliceCells, sliceValues);
            }
            if (!whole)
            {
                sliceCells.CopyTo(cells, first * length);
                sliceValues.CopyTo(values, first * length);
            }
        }
    }

    // Each level screens its sub-grid against every resample's threshold, then keeps its k best and tightens the threshold
    // to the k-th: the k best of a sub-grid bound those of the finer grid that contains it. False when a resample had
    // more candidates than slots at the finest level, or when the coarsest level has fewer cells than the shortlist (its
    // k-th best would be +∞ and every finer level would overflow).
    bool TryScreenBatch(GridProblem problem, int length, int[] cells, double[] values)
    {
        GridShape shape = problem.Shape;
        int resamples = shape.ResampleCount, n = shape.PointCount, capacity = ScreenCapacity;
        List<int> strides = ScreenStrides(shape, capacity);
        var coarsest = new ScreenShape(shape, strides[0], capacity);
        if (strides.Count > 1 && (long)coarsest.SubAlpha * coarsest.SubBeta < length) return false;
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
            screenKernel(new KernelConfig(grid, new Index3D(side, side, 1)), x1T.View, x2T.View, sums.W.View, sums.AlphaMoments.View, sums.BetaMoments.View,
                         alphaTerms.View, betaTerms.View, sums.Totals.View, thresholds.View, counts.View, candidates.View, screen);
            accelerator.Synchronize();   // a few microseconds per level, so the bench can rate the product kernel alone
            levels.Add((stride, Stopwatch.GetElapsedTime(started).TotalSeconds));
            selectKernel(Launch(resamples), candidates.View, counts.View, thresholds.View, overflows.View, outCells.View, outValues.View, capacity, length, resamples);
            accelerator.Synchronize();   // so the next level's time starts after this selection
        }
        LastScreenLevels = levels;
        if (overflows.GetAsArray1D().Any(flag => flag != 0)) return false;
        outCells.CopyToCPU(cells);
        outValues.CopyToCPU(values);
        return true;
    }
}
