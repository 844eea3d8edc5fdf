using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using ScalingGpu.Bootstrap;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>Grid work on an ILGPU accelerator (CUDA, OpenCL, or ILGPU's CPU emulator for tests).</summary>
public sealed class IlgpuDevice : IComputeDevice
{
    readonly Context context;
    readonly Accelerator accelerator;
    readonly Action<KernelConfig, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape, CellObjectiveSpec> gridKernel;

    readonly Action<KernelConfig, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ResampleShape> multiplicityKernel;

    IlgpuDevice(Context context, Accelerator accelerator)
    {
        this.context = context;
        this.accelerator = accelerator;
        gridKernel = accelerator.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, GridShape, CellObjectiveSpec>(
            GridKernels.GridObjective);
        multiplicityKernel = accelerator.LoadStreamKernel<ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<double>, ResampleShape>(
            ResampleKernels.Multiplicities);
    }

    /// <inheritdoc/>
    public string Name => $"{accelerator.AcceleratorType.ToString().ToLowerInvariant()} ({accelerator.Name})";

    /// <summary>The accelerator type actually in use.</summary>
    public AcceleratorType Type => accelerator.AcceleratorType;

    /// <inheritdoc/>
    public long MemoryBudgetBytes => Math.Max(64L << 20, accelerator.MemorySize / 4);

    /// <summary>ILGPU's CPU accelerator with one emulated thread per core: runs the kernel code on the host (tests).</summary>
    public static IlgpuDevice CpuAccelerator()
    {
        var context = Context.Create(b => b.CPU(new CPUDevice(Environment.ProcessorCount, 1, 1)).EnableAlgorithms());
        return new IlgpuDevice(context, context.GetPreferredDevice(preferCPU: true).CreateAccelerator(context));
    }

    /// <summary>An ILGPU context with the CUDA or OpenCL backend (it may hold only ILGPU's implicit CPU device).</summary>
    internal static Context OpenContext(AcceleratorType type)
    {
        NativeLibraries.Register();
        return Context.Create(b => (type == AcceleratorType.Cuda ? b.Cuda() : b.OpenCL()).EnableAlgorithms());
    }

    /// <summary>The first device of <paramref name="type"/>, or null with the reason in <paramref name="whyNot"/>.</summary>
    public static IlgpuDevice? TryCreate(AcceleratorType type, out string whyNot)
    {
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
            return new IlgpuDevice(context, device.CreateAccelerator(context));
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
        using var x1 = accelerator.Allocate1D(problem.X1);
        using var x2 = accelerator.Allocate1D(problem.X2);
        using var y = accelerator.Allocate1D(problem.Y);
        using var w = accelerator.Allocate1D(problem.Weights);
        using var output = accelerator.Allocate1D<double>(shape.WorkItems);
        gridKernel(Launch(shape.WorkItems), x1.View, x2.View, y.View, w.View, output.View, shape, spec);
        accelerator.Synchronize();
        output.CopyToCPU(objective);
    }

    /// <inheritdoc/>
    public void Multiplicities(ResamplePlan plan, ulong seed, long first, int count, double[] weights)
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
