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
    }

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
