using System.Runtime.CompilerServices;
using ILGPU.Runtime;
using ScalingGpu.Data;

namespace ScalingGpu.Compute;

/// <summary>Chooses the compute device: an explicit request fails loudly; auto records why it skipped each device.</summary>
public static class DeviceSelector
{
    /// <summary>Opens the requested device.</summary>
    /// <param name="requested">Device kind.</param>
    /// <param name="skipped">Receives one line per device that auto passed over, and why.</param>
    /// <exception cref="InputDataException">An explicitly requested CUDA or OpenCL device is absent.</exception>
    public static IComputeDevice Select(DeviceKind requested, List<string> skipped) =>
        requested == DeviceKind.Cpu ? new HostDevice() : SelectAccelerator(requested, skipped);

    // Separate and never inlined: only a method that names ILGPU types loads ILGPU.dll, so --device cpu never does.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static IComputeDevice SelectAccelerator(DeviceKind requested, List<string> skipped) => requested switch
    {
        DeviceKind.Cuda => TryIlgpu(AcceleratorType.Cuda, skipped) ?? throw Absent("cuda", skipped),
        DeviceKind.OpenCL => TryIlgpu(AcceleratorType.OpenCL, skipped) ?? throw Absent("opencl", skipped),
        DeviceKind.Auto => TryIlgpu(AcceleratorType.Cuda, skipped) ?? TryOpenClGpu(skipped) ?? new HostDevice(),
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown device kind."),
    };

    // Auto wants an OpenCL GPU only: ask the ICD loader first, which is far cheaper than an ILGPU context.
    static IComputeDevice? TryOpenClGpu(List<string> skipped)
    {
        // No ICD loader at all: say so without the DllNotFoundException a P/Invoke would throw (its first throw costs ms).
        bool loader = OperatingSystem.IsMacOS() || NativeLibraries.DriverLoads(AcceleratorType.OpenCL, out _);
        NativeLibraries.Register();
        if (loader && NativeLibraries.OpenClGpuPresent()) return TryIlgpu(AcceleratorType.OpenCL, skipped);
        skipped.Add("no OpenCL GPU");
        return null;
    }

    static IComputeDevice? TryIlgpu(AcceleratorType type, List<string> skipped)
    {
        IlgpuDevice? device = IlgpuDevice.TryCreate(type, out string whyNot);
        if (device is null) skipped.Add(whyNot);
        return device;
    }

    static InputDataException Absent(string name, List<string> skipped) =>
        new($"--device {name}: {skipped[^1]}; use --device cpu or --device auto.");
}
