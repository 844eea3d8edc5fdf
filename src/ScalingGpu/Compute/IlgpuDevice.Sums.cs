using ILGPU;
using ILGPU.Runtime;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

internal sealed partial class IlgpuDevice
{
    /// <summary>A problem's tables and rows on the device, with the per-axis moments and per-resample totals of its sums.</summary>
    sealed class DeviceSums : IDisposable
    {
        public MemoryBuffer1D<double, Stride1D.Dense> X1, X2, Y, W, AlphaMoments, BetaMoments, Totals;

        public DeviceSums(IlgpuDevice device, GridProblem problem)
        {
            Accelerator accelerator = device.accelerator;
            GridShape shape = problem.Shape;
            X1 = accelerator.Allocate1D(problem.X1);
            X2 = accelerator.Allocate1D(problem.X2);
            Y = accelerator.Allocate1D(problem.Y);
            W = accelerator.Allocate1D(problem.Weights);
            AlphaMoments = accelerator.Allocate1D<double>(3L * shape.ResampleCount * shape.AlphaCount);
            BetaMoments = accelerator.Allocate1D<double>(3L * shape.ResampleCount * shape.BetaCount);
            Totals = accelerator.Allocate1D<double>(3L * shape.ResampleCount);
            device.axisMomentsKernel(device.Launch((long)shape.ResampleCount * shape.AlphaCount), X1.View, Y.View, W.View, AlphaMoments.View,
                                     shape.AlphaCount, shape.PointCount, shape.ResampleCount);
            device.axisMomentsKernel(device.Launch((long)shape.ResampleCount * shape.BetaCount), X2.View, Y.View, W.View, BetaMoments.View,
                                     shape.BetaCount, shape.PointCount, shape.ResampleCount);
            device.totalsKernel(device.Launch(shape.ResampleCount), Y.View, W.View, Totals.View, shape.PointCount, shape.ResampleCount);
        }

        public void Dispose()
        {
            foreach (var buffer in new[] { X1, X2, Y, W, AlphaMoments, BetaMoments, Totals }) buffer.Dispose();
        }
    }
}
