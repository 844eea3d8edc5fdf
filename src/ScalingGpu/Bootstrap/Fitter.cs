using ScalingGpu.Fitting;
using System.Diagnostics;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>
/// The one-call facade: runs the requested methods on a run table and derives the allocations. For more control use
/// <see cref="VarPro"/>, <see cref="Fitting.Approach2"/> and <see cref="Fitting.Approach3"/> directly.
/// </summary>
public static class Fitter
{
    /// <summary>Checks a request against the data before any computing (the CLI calls this to fail fast with exit 2).</summary>
    /// <exception cref="InputDataException">An option is invalid or the data cannot support the resampling unit.</exception>
    public static void Check(RunTable runs, FitOptions options, BootstrapOptions? bootstrap, DclRequest? dcl)
    {
        dcl?.Validate();
        options.Validate();
        if (bootstrap is null) return;
        bootstrap.Validate();
        ResamplePlan.For(runs, bootstrap.UnitFor(runs));
    }

    /// <summary>
    /// Fits every method in <see cref="FitOptions.Methods"/> (plus the methods a DCL request needs); a failed method is
    /// reported in its status, never thrown. With <paramref name="bootstrap"/>, adds intervals for every quantity.
    /// </summary>
    /// <param name="progress">Fraction of bootstrap work done.</param>
    /// <exception cref="InputDataException">The options are invalid.</exception>
    public static FitReport Fit(RunTable runs, FitOptions options, IComputeDevice device, BootstrapOptions? bootstrap = null,
                                DclRequest? dcl = null, IProgress<double>? progress = null)
    {
        Check(runs, options, bootstrap, dcl);
        if (dcl is not null)
            options = options with { Methods = options.Methods.Union([dcl.Plan, dcl.Reference]).Order().ToList() };
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
        var report = new FitReport(runs.Count, surfaces, approach2, allocations, heatmap, device.Name, 0);
        if (bootstrap is not null)
        {
            BootstrapReport resampled = BootstrapRunner.Run(runs, options, bootstrap, dcl, report, device, progress);
            report = report with { Bootstrap = resampled, Dcl = resampled.Dcl };
        }
        else if (dcl is not null)
            report = report with { Dcl = DclEstimator.Estimate(dcl, report, options.TargetCompute, null, null, double.NaN, IntervalKind.Percentile) };
        return report with { Seconds = clock.Elapsed.TotalSeconds };
    }
}
