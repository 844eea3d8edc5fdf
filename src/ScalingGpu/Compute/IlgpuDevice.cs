using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>Grid work on an ILGPU accelerator (CUDA, OpenCL, or ILGPU's CPU emulator for tests).</summary>
internal sealed partial class IlgpuDevice : IComputeDevice
{
    readonly Context context;
    readonly Accelerator accelerator;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape, CellObjectiveSpec> gridKernel;

    readonly Action<KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ResampleShape> multiplicityKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int, int> axisMomentsKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int> totalsKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, SimulationShape> simulationKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape> crossSolveKernel;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<int>, ArrayView<double>, ShortlistShape> segmentKernel;
    readonly Action<KernelConfig, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ShortlistShape> mergeKernel;

    IlgpuDevice(Context context, Accelerator accelerator)
    {
        this.context = context;
        this.accelerator = accelerator;
        axisTermsKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int>(ScreenKernels.AxisTerms);
        screenKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<Candidate>, ScreenShape>(ScreenKernels.CrossScreen);
        selectKernel = accelerator.LoadStreamKernel<ArrayView<Candidate>, ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int, int>(
            ShortlistKernels.SelectCandidates);
        gridKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape, CellObjectiveSpec>(
            GridKernels.GridObjective);
        multiplicityKernel = accelerator.LoadStreamKernel<ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ResampleShape>(
            ResampleKernels.Multiplicities);
        axisMomentsKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int, int>(MomentKernels.AxisMoments);
        simulationKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, SimulationShape>(SimulationKernels.NoisyLosses);
        totalsKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int>(MomentKernels.Totals);
        crossSolveKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape>(
            MomentKernels.CrossSolve);
        segmentKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<int>, ArrayView<double>, ShortlistShape>(ShortlistKernels.SegmentSmallest);
        mergeKernel = accelerator.LoadStreamKernel<ArrayView<int>, ArrayView<double>, ArrayView<int>, ArrayView<double>, ShortlistShape>(ShortlistKernels.MergeSegments);
    }

    /// <inheritdoc/>
    public string Name => $"{accelerator.AcceleratorType.ToString().ToLowerInvariant()} ({accelerator.Name})";

    /// <summary>The ILGPU accelerator (for its hardware properties).</summary>
    public Accelerator Accelerator => accelerator;

    /// <summary>Resamples one grid launch indexes: the third grid dimension, whose limit on CUDA is 65,535.</summary>
    public const int MaxResamplesPerLaunch = 65535;

    /// <inheritdoc/>
    public long MemoryBudgetBytes => memoryBudgetBytes ?? Math.Max(64L << 20, accelerator.MemorySize / 4);

    long? memoryBudgetBytes;

    /// <summary>Use the direct per-cell kernel for MSE grids too (the reference the moment kernels are tested against).</summary>
    public bool DirectOnly { get; init; }

    /// <summary>ILGPU's CPU accelerator with one emulated thread per core: runs the kernel code on the host (tests).</summary>
    /// <param name="directOnly">Run MSE grids through the direct kernel instead of the moment kernels.</param>
    /// <param name="tiledGroups">Emulate 256-thread groups (64 warps of 4), which the tiled moment kernel needs; slower
    /// to start, so only the tests of that kernel ask for it.</param>
    /// <param name="screenCapacity">Candidate slots per resample of the screened shortlist (<see cref="ScreenCapacity"/>).</param>
    /// <param name="memoryBudgetBytes">Overrides the budget (a quarter of the accelerator's memory), so tests can force batches.</param>
    public static IlgpuDevice CpuAccelerator(bool directOnly = false, bool tiledGroups = false, int screenCapacity = DefaultScreenCapacity,
                                             long? memoryBudgetBytes = null)
    {
        var cpu = tiledGroups ? new CPUDevice(4, 64, 1) : new CPUDevice(Environment.ProcessorCount, 1, 1);
        var context = Context.Create(b => b.CPU(cpu).EnableAlgorithms());
        return new IlgpuDevice(context, context.GetPreferredDevice(preferCPU: true).CreateAccelerator(context))
        {
            DirectOnly = directOnly, ScreenCapacity = screenCapacity, memoryBudgetBytes = memoryBudgetBytes,
        };
    }

    /// <summary>An ILGPU context with the CUDA or OpenCL backend (it may hold only ILGPU's implicit CPU device).</summary>
    internal static Context OpenContext(AcceleratorType type)
    {
        NativeLibraries.Register();
        return Context.Create(b => (type == AcceleratorType.Cuda ? b.Cuda() : b.OpenCL()).EnableAlgorithms());
    }

    /// <summary>The first device of <paramref name="type"/>, or null with the reason in <paramref name="whyNot"/>.</summary>
    /// <param name="directOnly">Run MSE grids through the direct kernel (the GPU check compares both kernel paths).</param>
    public static IlgpuDevice? TryCreate(AcceleratorType type, out string whyNot, bool directOnly = false)
    {
        if (!OperatingSystem.IsMacOS() && !NativeLibraries.DriverLoads(type, out string library))
        {
            whyNot = $"no {type} driver ({library} not found)";
            return null;
        }
        Context? context = null;
        try
        {
            context = OpenContext(type);
            // ILGPU silently adds a CPU device when the backend finds nothing: filter by the type actually present.
            Device? device = context.Devices.FirstOrDefault(d => d.AcceleratorType == type);
            if (device is null)
            {
                whyNot = $"no {type} device found";
                context.Dispose();
                return null;
            }
            whyNot = "";
            return new IlgpuDevice(context, device.CreateAccelerator(context)) { DirectOnly = directOnly };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context?.Dispose();
            whyNot = $"{type} unavailable ({e.GetType().Name}: {e.Message.Split('\n')[0]})";
            return null;
        }
    }

    /// <inheritdoc/>
    public void EvaluateGrid(GridProblem problem, CellObjectiveSpec spec, double[] objective)
    {
        problem.Validate();
        GridShape shape = problem.Shape;
        if (objective.Length != shape.WorkItems)
            throw new ArgumentException($"Output has {objective.Length} cells; the grid shape needs {shape.WorkItems}.", nameof(objective));
        using var output = accelerator.Allocate1D<double>(shape.WorkItems);
        LaunchGrid(problem, spec, output.View);
        output.CopyToCPU(objective);
    }

    /// <inheritdoc/>
    public void SmallestCells(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values)
    {
        problem.ValidateShortlist(length, cells, values);
        if (UsesMoments(spec) && ScreenCapacity > 0) Screen(problem, spec, length, cells, values);
        else DenseShortlist(problem, spec, length, cells, values);
    }

    // The whole grid's objectives in device memory, then each resample's k smallest by the segment and merge kernels.
    void DenseShortlist(GridProblem problem, CellObjectiveSpec spec, int length, int[] cells, double[] values)
    {
        GridShape shape = problem.Shape;
        using var objective = accelerator.Allocate1D<double>(shape.WorkItems);
        LaunchGrid(problem, spec, objective.View);
        // Enough segments per resample to fill the device; few enough that one thread merges them quickly.
        int threads = accelerator.AcceleratorType == AcceleratorType.CPU ? accelerator.NumMultiprocessors : accelerator.NumMultiprocessors * 1024;
        int segments = (int)Math.Clamp(threads / shape.ResampleCount, 1, Math.Min(256, shape.CellsPerResample));
        var reduction = new ShortlistShape(shape.ResampleCount, (int)shape.CellsPerResample, segments, length);
        long slots = (long)shape.ResampleCount * segments * length;
        using var segmentCells = accelerator.Allocate1D<int>(slots);
        using var segmentValues = accelerator.Allocate1D<double>(slots);
        using var outCells = accelerator.Allocate1D<int>(cells.Length);
        using var outValues = accelerator.Allocate1D<double>(values.Length);
        segmentKernel(Launch((long)shape.ResampleCount * segments), objective.View, segmentCells.View, segmentValues.View, reduction);
        mergeKernel(Launch(shape.ResampleCount), segmentCells.View, segmentValues.View, outCells.View, outValues.View, reduction);
        accelerator.Synchronize();
        outCells.CopyToCPU(cells);
        outValues.CopyToCPU(values);
    }

    // The grid's objectives into a device buffer [R × Gα × Gβ]; returns after the kernels finished.
    void LaunchGrid(GridProblem problem, CellObjectiveSpec spec, ArrayView<double> output)
    {
        GridShape shape = problem.Shape;
        if (UsesMoments(spec))
        {
            // Sufficient statistics: axis and total sums, then the tiled cross product fused with the solve.
            using var sums = new DeviceSums(this, problem);
            const int tile = MomentKernels.Tile;
            var grid = new Index3D((shape.BetaCount + tile - 1) / tile, (shape.AlphaCount + tile - 1) / tile, shape.ResampleCount);
            crossSolveKernel(new KernelConfig(grid, new Index3D(tile, tile, 1)), sums.X1.View, sums.X2.View, sums.W.View, sums.AlphaMoments.View,
                             sums.BetaMoments.View, sums.Totals.View, output, shape);
        }
        else
        {
            using var x1 = accelerator.Allocate1D(problem.X1);
            using var x2 = accelerator.Allocate1D(problem.X2);
            using var y = accelerator.Allocate1D(problem.Y);
            using var w = accelerator.Allocate1D(problem.Weights);
            gridKernel(Launch(shape.WorkItems), x1.View, x2.View, y.View, w.View, output, shape, spec);
        }
        accelerator.Synchronize();
    }

    // The sufficient-statistics kernels need 256-thread groups (GPUs, or a CPU accelerator built for them).
    bool UsesMoments(CellObjectiveSpec spec) =>
        spec.IsLinear && !DirectOnly && accelerator.MaxNumThreadsPerGroup >= Math.Max(MomentKernels.Tile * MomentKernels.Tile, ScreenKernels.Side * ScreenKernels.Side);

    /// <inheritdoc/>
    public void Multiplicities(ResampleArrays plan, ulong seed, long first, int count, double[] weights)
    {
        if (weights.Length != (long)count * plan.PointCount)
            throw new ArgumentException($"weights has {weights.Length} values; {count} resamples × {plan.PointCount} points needs {count * plan.PointCount}.", nameof(weights));
        using var strata = accelerator.Allocate1D(plan.Strata);
        using var units = accelerator.Allocate1D(plan.Units);
        using var members = accelerator.Allocate1D(plan.Members);
        using var output = accelerator.Allocate1D<double>(weights.Length);
        var shape = new ResampleShape(plan.Strata.Length / 2, plan.UnitCount, plan.PointCount, first, count, seed);
        multiplicityKernel(Launch(count), strata.View, units.View, members.View, output.View, shape);
        accelerator.Synchronize();
        output.CopyToCPU(weights);
    }

    /// <inheritdoc/>
    public void SimulateLosses(double[] parameters, double[] tokens, SimulationShape shape, double[] losses)
    {
        if (losses.Length != (long)shape.ReplicateCount * shape.PointCount || parameters.Length != shape.PointCount || tokens.Length != shape.PointCount)
            throw new ArgumentException($"Design arrays do not match {shape.ReplicateCount} replicates × {shape.PointCount} points.", nameof(losses));
        using var n = accelerator.Allocate1D(parameters);
        using var d = accelerator.Allocate1D(tokens);
        using var output = accelerator.Allocate1D<double>(losses.Length);
        simulationKernel(Launch(losses.Length), n.View, d.View, output.View, shape);
        accelerator.Synchronize();
        output.CopyToCPU(losses);
    }

    // Grid-stride launch: a few waves of groups on a GPU, one thread per emulated core on the CPU accelerator.
    KernelConfig Launch(long items)
    {
        int groupSize = accelerator.AcceleratorType == AcceleratorType.CPU ? 1 : Math.Min(256, accelerator.MaxNumThreadsPerGroup);
        int groups = (int)Math.Min(Math.Max(1, accelerator.NumMultiprocessors * 8), (items + groupSize - 1) / groupSize);
        return new KernelConfig(Math.Max(1, groups), groupSize);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        accelerator.Dispose();
        context.Dispose();
    }
}
