using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;

namespace ScalingGpu.Compute;

/// <summary>One device the tool can see.</summary>
/// <param name="Kind">cuda, opencl or cpu.</param>
/// <param name="MemoryBytes">Device memory (host memory for the CPU).</param>
/// <param name="DoublePrecision">Whether the device runs double-precision kernels.</param>
/// <param name="Note">Why it cannot be used, if it cannot.</param>
internal sealed record DeviceInfo(string Kind, string Name, long MemoryBytes, bool DoublePrecision, string? Note = null);

/// <summary>Lists CUDA, OpenCL and CPU devices (the <c>devices</c> command).</summary>
internal static class DeviceInventory
{
    /// <summary>Every device found; a missing backend becomes a row with a note, never an exception.</summary>
    public static IReadOnlyList<DeviceInfo> List()
    {
        var found = new List<DeviceInfo>();
        foreach (var type in new[] { AcceleratorType.Cuda, AcceleratorType.OpenCL })
        {
            try
            {
                using var context = IlgpuDevice.OpenContext(type);
                var devices = context.Devices.Where(d => d.AcceleratorType == type).ToList();
                if (devices.Count == 0) found.Add(new DeviceInfo(Kind(type), "none found", 0, false, "no driver or no device"));
                foreach (Device d in devices)
                    found.Add(new DeviceInfo(Kind(type), d.Name, d.MemorySize, d is not CLDevice cl || cl.Capabilities.Float64));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                found.Add(new DeviceInfo(Kind(type), "none found", 0, false, e.Message.Split('\n')[0]));
            }
        }
        found.Add(new DeviceInfo("cpu", $"host, {Environment.ProcessorCount} threads (vectorised path)", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, true));
        return found;
    }

    static string Kind(AcceleratorType type) => type == AcceleratorType.Cuda ? "cuda" : "opencl";
}
