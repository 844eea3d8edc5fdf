using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>DCL point values and intervals for a <see cref="DclRequest"/> at each target budget, in both variants.</summary>
internal static class DclEstimator
{
    /// <summary>
    /// Rows for every target and variant. <paramref name="resamples"/>/<paramref name="jackknife"/> map a method to its
    /// per-row fits (null without a bootstrap); a row fails when its plan fit fails or, when refitted, its reference fit.
    /// </summary>
    public static List<DclEstimate> Estimate(DclRequest request, FitReport full, IReadOnlyList<double> targets,
        IReadOnlyDictionary<FitMethod, MethodFits>? resamples, IReadOnlyDictionary<FitMethod, MethodFits>? jackknife,
        double level, IntervalKind kind)
    {
        double perFlop = request.Pricing.DollarsPerFlop;
        SurfaceFit reference = full.Surfaces.First(s => s.Method == request.Reference);
        var fullPlan = FullPlanFits(request.Plan, full);
        var rows = new List<DclEstimate>();
        foreach (double c in targets)
        {
            var (pn, pd) = fullPlan.Plan(0, c);
            double percent = reference.Status == FitStatus.Failed ? double.NaN : DeadweightCompute.Percent(reference.Surface, c, pn, pd);
            foreach (DclVariant variant in Enum.GetValues<DclVariant>())
            {
                var bounds = new IntervalBounds(double.NaN, double.NaN, double.NaN);
                int used = 0, failed = 0;
                if (resamples is not null)
                {
                    double[] replicates = Replicates(request, variant, c, reference, resamples);
                    used = replicates.Count(double.IsFinite);
                    failed = replicates.Length - used;
                    double[]? jack = jackknife is null ? null : Replicates(request, variant, c, reference, jackknife);
                    bounds = IntervalEstimator.Estimate(replicates, percent, jack, level, kind);
                }
                double Dollars(double p) => p / 100 * c * perFlop;
                rows.Add(new DclEstimate(request.Plan, request.Reference, variant, c, percent / 100 * c, percent, Dollars(percent),
                    bounds.Lo, bounds.Hi, Dollars(bounds.Lo), Dollars(bounds.Hi), level, used, failed));
            }
        }
        return rows;
    }

    static double[] Replicates(DclRequest request, DclVariant variant, double c, SurfaceFit fullReference, IReadOnlyDictionary<FitMethod, MethodFits> fits)
    {
        MethodFits plan = fits[request.Plan], reference = fits[request.Reference];
        var values = new double[plan.Count];
        for (int r = 0; r < values.Length; r++)
        {
            SurfaceFit surface = variant == DclVariant.FixedReference ? fullReference : reference.Surfaces![r];
            var (n, d) = plan.Plan(r, c);
            values[r] = surface.Status == FitStatus.Failed ? double.NaN : DeadweightCompute.Percent(surface.Surface, c, n, d);
        }
        return values;
    }

    static MethodFits FullPlanFits(FitMethod plan, FitReport full) => plan == FitMethod.Approach2
        ? new MethodFits { Method = plan, Approach2 = [full.Approach2!] }
        : new MethodFits { Method = plan, Surfaces = [full.Surfaces.First(s => s.Method == plan)] };
}
