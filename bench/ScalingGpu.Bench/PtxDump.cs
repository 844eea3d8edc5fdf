using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ScalingGpu.Kernels;

namespace ScalingGpu.Bench;

/// <summary>
/// Compiles every kernel to PTX without a GPU (bench ptx DIR [SM] [ISA]), one .ptx file each, so a PTX JIT failure on
/// a lent GPU can be reproduced here with ptxas (e.g. Debian non-free's nvidia-cuda-toolkit: ptxas -arch=sm_90 F.ptx).
/// </summary>
internal static class PtxDump
{
    /// <summary>The kernels <see cref="Compute.IlgpuDevice"/> loads (all explicitly grouped stream kernels).</summary>
    static readonly Type[] KernelTypes = [typeof(GridKernels), typeof(MomentKernels), typeof(ResampleKernels), typeof(SimulationKernels), typeof(ShortlistKernels), typeof(ScreenKernels)];

    public static int Run(string outDirectory, string sm, string isa)
    {
        Directory.CreateDirectory(outDirectory);
        var architecture = new CudaArchitecture(int.Parse(sm[..^1]), int.Parse(sm[^1..]));
        var instructionSet = new CudaInstructionSet(int.Parse(isa.Split('.')[0]), int.Parse(isa.Split('.')[1]));
        using var context = Context.Create(b => b.Cuda().EnableAlgorithms());
        using var backend = new PTXBackend(context, architecture, instructionSet, null!);
        int failed = 0;
        foreach (MethodInfo kernel in KernelTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                     .Where(m => m.ReturnType == typeof(void) && m.GetParameters().Any(p => p.ParameterType.Name.StartsWith("ArrayView"))))
        {
            string name = $"{kernel.DeclaringType!.Name}.{kernel.Name}";
            try
            {
                var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);
                File.WriteAllText(Path.Combine(outDirectory, name + ".ptx"), compiled.PTXAssembly);
                Console.WriteLine($"{name}: {compiled.PTXAssembly.Length:N0} characters of PTX (sm_{sm}, ISA {isa})");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{name}: FAILED {e.GetType().Name}: {e.Message}");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
