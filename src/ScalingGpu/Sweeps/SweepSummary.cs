using ScalingGpu.Fitting;

namespace ScalingGpu.Sweeps;

/// <summary>Median and max |error| of one method over a group of records.</summary>
/// <param name="GeoMeanAB">Geometric mean of |a| and |b| relative errors pooled (the paper's exp7 summary).</param>
public sealed record SummaryRow(string Method, string Design, int Fits, int Failed, double MedianA, double MaxA, double MedianB, double MaxB,
                                double MedianD, double MaxD, double GeoMeanAB);

/// <summary>Summaries of sweep records and plan-size estimates for --dry-run.</summary>
public static class SweepSummary
{
    /// <summary>Per method and job (design), or per method alone when <paramref name="perDesign"/> is false.</summary>
    public static IReadOnlyList<SummaryRow> Of(IReadOnlyList<SweepRecord> records, bool perDesign)
    {
        return records.GroupBy(r => (r.Method, Design: perDesign ? Describe(r) : "all"))
            .Select(g =>
            {
                // Exponent errors do not depend on the extrapolation budget: one value per fit.
                var fits = g.GroupBy(r => (r.Job, r.Replicate)).Select(f => f.First()).ToList();
                var ok = fits.Where(f => f.Status != "failed").ToList();
                double[] a = ok.Select(f => Math.Abs(f.ARelErr)).ToArray(), b = ok.Select(f => Math.Abs(f.BRelErr)).ToArray();
                double[] d = g.Where(r => r.Status != "failed").Select(r => Math.Abs(r.DOptRelErr)).ToArray();
                return new SummaryRow(g.Key.Method, g.Key.Design, fits.Count, fits.Count - ok.Count, Median(a), Max(a), Median(b), Max(b), Median(d), Max(d),
                                      GeoMean([.. a, .. b]));
            }).OrderBy(r => r.Design).ThenBy(r => r.Method).ToList();
    }

    /// <summary>Rough size and cost of a plan (time from this machine's measured rates; see bench/RESULTS.md).</summary>
    public static (int Jobs, long Fits, double GridCells, double Seconds, double Bytes) Estimate(SweepConfig config)
    {
        var jobs = SweepPlan.Expand(config);
        long datasets = (long)jobs.Count * config.Replicates;
        double cells = 0, seconds = 0, bytes = 0;
        foreach (MethodSpec m in config.Methods)
        {
            double perFitCells = m.Method == FitMethod.Vpnls ? (double)m.VarPro.AlphaAxis.Values().Length * m.VarPro.BetaAxis.Values().Length : 0;
            double points = jobs.Average(j => j.Design.Budgets.Length * j.Design.PointsPerBudget);
            cells += perFitCells * datasets;
            seconds += datasets * m.Method switch
            {
                FitMethod.Vpnls => perFitCells * points / (m.VarPro.Objective == FitObjective.Mse && m.VarPro.Space == LossSpace.Raw ? 2e9 : 4e6) + 0.01,
                FitMethod.Approach3 => 0.02 + 0.004 * (m.Approach3.Starts ?? 4500),
                _ => 0.001,
            };
            bytes = Math.Max(bytes, perFitCells * 8 * Environment.ProcessorCount);
        }
        return (jobs.Count, datasets * config.Methods.Count, cells, seconds, bytes);
    }

    static string Describe(SweepRecord r) =>
        $"{r.Surface} W{r.WidthFactor:G3} off{r.Offset:G3} drift{r.DriftTo:G3} σ{r.Noise:G3} n{r.PointsPerBudget}×{r.Budgets}";

    static double Median(double[] v) => v.Length == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(v);
    static double Max(double[] v) => v.Length == 0 ? double.NaN : v.Max();
    static double GeoMean(double[] v) => v.Length == 0 ? double.NaN : Math.Exp(v.Average(x => Math.Log(Math.Max(x, 1e-300))));
}
