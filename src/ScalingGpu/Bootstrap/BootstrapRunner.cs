using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Bootstrap;

/// <summary>
/// Monte-Carlo bootstrap (DESIGN.md §1): multiplicities from the counter-based generator on the device, every resample
/// refitted with the full method in batches, then percentile or BCa intervals for every quantity and DCL.
/// </summary>
internal static class BootstrapRunner
{
    /// <summary>Runs the bootstrap of <paramref name="request"/> (which has one) for every method it fits.</summary>
    /// <param name="full">The full-data fits (point estimates, Approach 3's extra start, DCL's fixed reference).</param>
    /// <param name="progress">Receives the fraction of resample (and jackknife) fits done.</param>
    public static BootstrapReport Run(FitRequest request, FitReport full, IComputeDevice device, IProgress<double>? progress = null)
    {
        RunTable runs = request.Runs;
        FitOptions options = request.Options;
        BootstrapOptions bootstrap = request.Bootstrap!;
        ResamplePlan plan = request.Plan!;
        IReadOnlyList<FitMethod> methods = request.Methods;
        int n = runs.Count;
        bool bca = bootstrap.Interval == IntervalKind.Bca;
        double totalWork = bootstrap.Resamples + (bca ? plan.UnitCount : 0), done = 0;

        var batches = methods.ToDictionary(m => m, _ => new List<MethodFits>());
        for (int first = 0; first < bootstrap.Resamples; first += bootstrap.BatchSize)
        {
            int count = Math.Min(bootstrap.BatchSize, bootstrap.Resamples - first);
            var weights = new double[count * n];
            device.Multiplicities(plan.Arrays, bootstrap.Seed, first, count, weights);
            foreach (FitMethod method in methods)
                batches[method].Add(FitRows(method, runs, weights, count, options, bootstrap, full, device));
            progress?.Report((done += count) / totalWork);
        }
        var resamples = batches.ToDictionary(b => b.Key, b => Concat(b.Key, b.Value));

        Dictionary<FitMethod, MethodFits>? jackknife = null;
        if (bca)
        {
            double[] weights = plan.JackknifeWeights();
            jackknife = methods.ToDictionary(m => m, m => FitRows(m, runs, weights, plan.UnitCount, options, bootstrap, full, device));
            progress?.Report(1);
        }

        var intervals = new List<IntervalEstimate>();
        foreach (FitMethod method in methods)
            foreach (Quantity q in Quantity.For(method, request.Targets))
                intervals.Add(Interval(method, q, resamples[method], jackknife?[method], full, bootstrap));
        var dclRows = request.Dcl is not { } dcl ? [] : DclEstimator.Estimate(dcl, full, request.Targets, resamples, jackknife, bootstrap.Level, bootstrap.Interval);
        return new BootstrapReport(plan.Unit, bootstrap.Seed, bootstrap.Resamples, methods.Select(m => resamples[m]).ToList(), intervals, dclRows)
        {
            Jackknife = jackknife is null ? [] : methods.Select(m => jackknife[m]).ToList(),
        };
    }

    static MethodFits FitRows(FitMethod method, RunTable runs, double[] weights, int rows, FitOptions options, BootstrapOptions bootstrap,
                              FitReport full, IComputeDevice device) =>
        MethodFits.Fit(method, runs, weights, rows, options, bootstrap.Approach3Starts,
                       full.Surfaces.FirstOrDefault(s => s.Method == FitMethod.Approach3), full.Request.Plan!.Unit == ResampleUnit.Budgets, device);

    static IntervalEstimate Interval(FitMethod method, Quantity q, MethodFits fits, MethodFits? jackknife, FitReport full, BootstrapOptions bootstrap)
    {
        double[] replicates = Enumerable.Range(0, fits.Count).Select(i => fits.Value(q, i)).ToArray();
        double[]? jack = jackknife is null ? null : Enumerable.Range(0, jackknife.Count).Select(i => jackknife.Value(q, i)).ToArray();
        double estimate = method == FitMethod.Approach2 ? q.Of(full.Approach2!) : q.Of(full.Surfaces.First(s => s.Method == method));
        IntervalBounds b = IntervalEstimator.Estimate(replicates, estimate, jack, bootstrap.Level, bootstrap.Interval);
        int used = replicates.Count(double.IsFinite);
        return new IntervalEstimate(method, q, bootstrap.Interval, bootstrap.Level, estimate, b.Lo, b.Hi, b.Se, used, replicates.Length - used);
    }

    static MethodFits Concat(FitMethod method, List<MethodFits> parts) => method == FitMethod.Approach2
        ? new MethodFits { Method = method, Approach2 = parts.SelectMany(p => p.Approach2!).ToArray() }
        : new MethodFits { Method = method, Surfaces = parts.SelectMany(p => p.Surfaces!).ToArray() };
}
