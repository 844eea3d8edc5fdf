using ScalingGpu.Fitting;
using System.Diagnostics;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>The one-call facade: runs the requested methods on a run table, derives the allocations, and bootstraps them on request.</summary>
public static class Fitter
{
    /// <summary>Checks the request (<see cref="FitRequest.Validate"/>), then fits it.</summary>
    /// <param name="progress">Fraction of bootstrap work done.</param>
    /// <exception cref="InputDataException">The options are invalid, or the data cannot support the resampling unit.</exception>
    public static FitReport Fit(RunTable runs, FitOptions options, IComputeDevice device, BootstrapOptions? bootstrap = null,
                                DclRequest? dcl = null, IProgress<double>? progress = null) =>
        Fit(FitRequest.Validate(runs, options, bootstrap, dcl), device, progress);

    /// <summary>
    /// Fits every method of <paramref name="request"/> (<see cref="FitRequest.Methods"/>); a failed method is reported in
    /// its status, never thrown. With a bootstrap, adds intervals for every quantity; with a DCL request, its rows.
    /// </summary>
    /// <param name="progress">Fraction of bootstrap work done.</param>
    public static FitReport Fit(FitRequest request, IComputeDevice device, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(device);
        RunTable runs = request.Runs;
        FitOptions options = request.Options;
        var clock = Stopwatch.StartNew();
        var surfaces = new List<SurfaceFit>();
        Approach2Fit? approach2 = null;
        foreach (FitMethod method in request.Methods)
            switch (method)
            {
                case FitMethod.Vpnls: surfaces.Add(VarPro.Fit(runs, options.VarPro, device)); break;
                case FitMethod.Approach3: surfaces.Add(Fitting.Approach3.Fit(runs, options.Approach3)); break;
                case FitMethod.Approach2: approach2 = Fitting.Approach2.Fit(runs); break;
            }

        var allocations = new List<Allocation>();
        foreach (FitMethod method in request.Methods)
            foreach (double c in request.Targets)
                if (method == FitMethod.Approach2) { if (approach2!.Status != FitStatus.Failed) allocations.Add(Allocation.Of(approach2, c)); }
                else
                {
                    SurfaceFit fit = surfaces.First(s => s.Method == method);
                    if (fit.Status != FitStatus.Failed) allocations.Add(Allocation.Of(fit, c));
                }
        ObjectiveGrid? heatmap = options.Heatmap && request.Methods.Contains(FitMethod.Vpnls) ? VarPro.Heatmap(runs, options.VarPro, device) : null;
        var report = new FitReport(request, surfaces, approach2, allocations, heatmap, device.Name, 0);
        if (request.Bootstrap is not null)
        {
            BootstrapReport resampled = BootstrapRunner.Run(request, report, device, progress);
            report = report with { Bootstrap = resampled, Dcl = resampled.Dcl };
        }
        else if (request.Dcl is { } dcl)
            report = report with { Dcl = DclEstimator.Estimate(dcl, report, request.Targets, null, null, double.NaN, IntervalKind.Percentile) };
        return report with { Seconds = clock.Elapsed.TotalSeconds };
    }
}
