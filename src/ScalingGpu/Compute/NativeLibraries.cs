using System.Reflection;
using System.Runtime.InteropServices;

namespace ScalingGpu.Compute;

/// <summary>
/// ILGPU asks for "cuda" / "OpenCL", which Linux resolves to libcuda.so / libOpenCL.so (development symlinks
/// that driver-only machines lack); map them to the runtime names libcuda.so.1 / libOpenCL.so.1.
/// </summary>
internal static class NativeLibraries
{
    static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1 || !OperatingSystem.IsLinux()) return;
        NativeLibrary.SetDllImportResolver(typeof(ILGPU.Context).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>
    /// Whether the driver library of <paramref name="type"/> loads at all: a cheap probe (about a millisecond) that lets
    /// <c>--device auto</c> skip a backend without building an ILGPU context for it (tens of milliseconds).
    /// </summary>
    public static bool DriverLoads(ILGPU.Runtime.AcceleratorType type, out string library)
    {
        library = (type, OperatingSystem.IsWindows()) switch
        {
            (ILGPU.Runtime.AcceleratorType.Cuda, true) => "nvcuda.dll",
            (ILGPU.Runtime.AcceleratorType.Cuda, false) => "libcuda.so.1",
            (_, true) => "OpenCL.dll",
            _ => "libOpenCL.so.1",
        };
        if (!NativeLibrary.TryLoad(library, out IntPtr handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>
    /// Whether any OpenCL platform offers a GPU or accelerator device: asked of the ICD loader directly, so that
    /// <c>--device auto</c> on a machine with only CPU OpenCL drivers (PoCL) never builds an ILGPU context.
    /// </summary>
    public static bool OpenClGpuPresent()
    {
        try
        {
            if (ClGetPlatformIDs(0, null, out uint count) != 0 || count == 0) return false;
            var platforms = new IntPtr[count];
            if (ClGetPlatformIDs(count, platforms, out _) != 0) return false;
            const ulong gpuOrAccelerator = 1 << 2 | 1 << 3;   // CL_DEVICE_TYPE_GPU | CL_DEVICE_TYPE_ACCELERATOR
            return platforms.Any(p => ClGetDeviceIDs(p, gpuOrAccelerator, 0, null, out uint devices) == 0 && devices > 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("OpenCL", EntryPoint = "clGetPlatformIDs")]
    static extern int ClGetPlatformIDs(uint entries, IntPtr[]? platforms, out uint count);

    [DllImport("OpenCL", EntryPoint = "clGetDeviceIDs")]
    static extern int ClGetDeviceIDs(IntPtr platform, ulong type, uint entries, IntPtr[]? devices, out uint count);

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        string? soname = name.ToLowerInvariant() switch
        {
            "cuda" or "nvcuda" => "libcuda.so.1",
            "opencl" => "libOpenCL.so.1",
            _ => null,
        };
        return soname is not null && NativeLibrary.TryLoad(soname, out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
