using System.Diagnostics;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>
/// The one-call facade: runs the requested methods on a run table and derives the allocations. For more control use
/// <see cref="VarPro"/>, <see cref="Fitting.Approach2"/> and <see cref="Fitting.Approach3"/> directly.
/// </summary>
public static class Fitter
{
    /// <summary>Fits every method in <see cref="FitOptions.Methods"/>; a failed method is reported in its status, never thrown.</summary>
    /// <exception cref="InputDataException">The options are invalid.</exception>
    public static FitReport Fit(RunTable runs, FitOptions options, IComputeDevice device)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var surfaces = new List<SurfaceFit>();
        Approach2Fit? approach2 = null;
        foreach (FitMethod method in options.Methods)
            switch (method)
            {
                case FitMethod.Vpnls: surfaces.Add(VarPro.Fit(runs, options.VarPro, device)); break;
                case FitMethod.Approach3: surfaces.Add(Fitting.Approach3.Fit(runs, options.Approach3)); break;
                case FitMethod.Approach2: approach2 = Fitting.Approach2.Fit(runs); break;
            }

        var allocations = new List<Allocation>();
        foreach (FitMethod method in options.Methods)
            foreach (double c in options.TargetCompute)
                if (method == FitMethod.Approach2) { if (approach2!.Status != FitStatus.Failed) allocations.Add(Allocation.Of(approach2, c)); }
                else
                {
                    SurfaceFit fit = surfaces.First(s => s.Method == method);
                    if (fit.Status != FitStatus.Failed) allocations.Add(Allocation.Of(fit, c));
                }
        ObjectiveGrid? heatmap = options.Heatmap && options.Methods.Contains(FitMethod.Vpnls) ? VarPro.Heatmap(runs, options.VarPro, device) : null;
        return new FitReport(runs.Count, surfaces, approach2, allocations, heatmap, device.Name, clock.Elapsed.TotalSeconds);
    }
}
