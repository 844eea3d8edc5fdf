using ScalingGpu.Models;
using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;

namespace ScalingGpu.Sweeps;

/// <summary>Median and max |error| of one method over a group of records.</summary>
/// <param name="GeoMeanAB">Geometric mean of |a| and |b| relative errors pooled (the paper's exp7 summary).</param>
internal sealed record SummaryRow(string Method, string Design, int Fits, int Failed, double MedianA, double MaxA, double MedianB, double MaxB,
                                double MedianD, double MaxD, double GeoMeanAB);

/// <summary>Coverage of one group of intervals (one design, method, quantity, budget, kind and level).</summary>
/// <param name="Compute">Budget of N*, D*, L* (FLOPs); NaN otherwise.</param>
/// <param name="DataSets">Replicates in the group with an interval.</param>
/// <param name="Undefined">Replicates whose interval is undefined (too few resample fits): neither hit nor miss.</param>
/// <param name="Coverage">Share of <paramref name="DataSets"/> whose interval holds the truth (NaN when none has one).</param>
/// <param name="CoverageLo">Lower end of the 95% Wilson score interval of <paramref name="Coverage"/>.</param>
/// <param name="CoverageHi">Upper end of that interval.</param>
/// <param name="MedianRelWidth">Median of (hi − lo)/|truth|.</param>
internal sealed record CoverageRow(string Design, string Method, QuantityKind Quantity, double Compute, IntervalKind Kind, double Level, int DataSets,
                                 int Undefined, double Coverage, double CoverageLo, double CoverageHi, double MedianRelWidth);

/// <summary>Summaries of sweep records and plan-size estimates for --dry-run.</summary>
internal static class SweepSummary
{
    /// <summary>Per method and job (design), or per method alone when <paramref name="perDesign"/> is false.</summary>
    public static IReadOnlyList<SummaryRow> Of(IReadOnlyList<SweepRecord> records, bool perDesign)
    {
        return records.GroupBy(r => (r.Method, Design: perDesign ? Describe(r) : "all"))
            .Select(g =>
            {
                // Exponent errors do not depend on the extrapolation budget: one value per fit.
                var fits = g.GroupBy(r => (r.Job, r.Replicate)).Select(f => f.First()).ToList();
                var ok = fits.Where(f => f.Status != FitStatus.Failed).ToList();
                double[] a = ok.Select(f => Math.Abs(f.ARelErr)).ToArray(), b = ok.Select(f => Math.Abs(f.BRelErr)).ToArray();
                double[] d = g.Where(r => r.Status != FitStatus.Failed).Select(r => Math.Abs(r.DOptRelErr)).ToArray();
                return new SummaryRow(g.Key.Method, g.Key.Design, fits.Count, fits.Count - ok.Count, SampleStatistics.Median(a), Max(a), SampleStatistics.Median(b), Max(b), SampleStatistics.Median(d), Max(d),
                                      GeoMean([.. a, .. b]));
            }).OrderBy(r => r.Design).ThenBy(r => r.Method).ToList();
    }

    /// <summary>
    /// Coverage of the intervals per design, method, quantity (and budget), interval kind and level: the share of replicates
    /// with an interval whose interval holds the truth, its 95% Wilson score interval, the count of undefined
    /// intervals apart, and the median relative width.
    /// </summary>
    public static IReadOnlyList<CoverageRow> Coverage(IReadOnlyList<IntervalRecord> intervals) =>
        intervals.GroupBy(r => (Design: Describe(r.Job), r.Method, r.Quantity, r.Compute, r.Kind, r.Level))
            .Select(g =>
            {
                var defined = g.Where(r => r.IsDefined).ToList();
                int n = defined.Count;
                int hits = defined.Count(r => r.Covered);
                var (lo, hi) = SampleStatistics.WilsonInterval(hits, n);
                return new CoverageRow(g.Key.Design, g.Key.Method, g.Key.Quantity, g.Key.Compute, g.Key.Kind, g.Key.Level, n, g.Count() - n,
                                       n == 0 ? double.NaN : (double)hits / n, lo, hi, SampleStatistics.Median(defined.Select(r => r.RelWidth).Where(double.IsFinite).ToArray()));
            }).ToList();

    /// <summary>
    /// Rough size and cost of a plan: fits = data sets × methods × (1 + resamples + jackknife rows BCa needs), time from
    /// per-fit costs measured on this project's 2-core machine (below), scaled by this machine's core count.
    /// </summary>
    public static (int Jobs, long Fits, double GridCells, double Seconds, double Bytes) Estimate(SweepConfig config)
    {
        var jobs = SweepPlan.Expand(config);
        double cells = 0, seconds = 0, bytes = 0;
        foreach (MethodSpec m in config.Methods)
        {
            double perFitCells = m.Method == FitMethod.Vpnls ? (double)m.VarPro.AlphaAxis.Values().Length * m.VarPro.BetaAxis.Values().Length : 0;
            foreach (SweepJob job in jobs)
            {
                long fits = SweepRunner.FitsOf(config, job) / config.Methods.Count;
                cells += perFitCells * fits;
                seconds += fits * SecondsPerFit(m, perFitCells, job.Design.Budgets.Length * job.Design.PointsPerBudget);
            }
            // One grid launch holds a job's rows up to the host's 256 MiB budget.
            double rows = jobs.Max(j => SweepRunner.FitsOf(config, j)) / config.Methods.Count;
            bytes = Math.Max(bytes, Math.Min(256.0 * (1 << 20), perFitCells * 8 * rows));
        }
        // ~1 s of start-up and compilation; the per-fit costs use both cores of the machine they were measured on.
        return (jobs.Count, jobs.Sum(j => SweepRunner.FitsOf(config, j)), cells, 1 + seconds * 2 / Environment.ProcessorCount, bytes);
    }

    // Wall seconds per fit on the 2-core development machine at low load (2026-11-28: marginal cost over 1,400
    // replicates of small sweeps, and whole runs of configs/paper/exp7 (36 s), coverage.yaml (40 s) and
    // ci_design.yaml (48 s)): VPNLS's refinement plus its pruned MSE grid; Approach 3's start screening plus L-BFGS per
    // start; Approach 2's parabolas. Non-MSE or log-space VPNLS grids run every cell's iterative solve.
    static double SecondsPerFit(MethodSpec m, double cells, int points) => m.Method switch
    {
        FitMethod.Vpnls when m.VarPro.Objective == FitObjective.Mse && m.VarPro.Space == LossSpace.Raw => 1e-4 + cells * (3.0e-9 + 2.8e-11 * points),
        FitMethod.Vpnls => 1e-4 + cells * points / 1.3e8,   // W3: Huber cells at 1.3e8 cell·points/s
        FitMethod.Approach3 => 3e-4 + (m.Approach3.Starts ?? 4500) * (5.3e-5 + 1.44e-6 * points),
        _ => 3e-5,
    };

    static string Describe(SweepJob j) => Describe(j.Surface.Name, j.Design.Width, j.Design.Offset, j.Design.DriftTo, j.Noise, j.Design.PointsPerBudget, j.Design.Budgets.Length);

    static string Describe(SweepRecord r) => Describe(r.Surface, r.WidthFactor, r.Offset, r.DriftTo, r.Noise, r.PointsPerBudget, r.Budgets);

    static string Describe(string surface, double width, double offset, double drift, double noise, int points, int budgets) =>
        $"{surface} W{width:G3} off{offset:G3} drift{drift:G3} σ{noise:G3} n{points}×{budgets}";

    static double Max(double[] v) => v.Length == 0 ? double.NaN : v.Max();
    static double GeoMean(double[] v) => v.Length == 0 ? double.NaN : Math.Exp(v.Average(x => Math.Log(Math.Max(x, 1e-300))));
}
