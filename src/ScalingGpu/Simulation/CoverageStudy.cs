using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Simulation;

/// <summary>How often bootstrap intervals of VPNLS contain the truth, per quantity, interval kind and level.</summary>
public sealed record CoverageCell(string Quantity, IntervalKind Kind, double Level, int Covered, int DataSets)
{
    /// <summary>Covered / data sets.</summary>
    public double Rate => (double)Covered / DataSets;
}

/// <summary>
/// Coverage of bootstrap intervals, which no published anchor reports: simulate data sets from a known surface, bootstrap
/// each with point resampling, and count how often the intervals of α, β and a contain the true values. Percentile
/// and BCa come from the same replicates (BCa adds one jackknife per data set).
/// </summary>
public static class CoverageStudy
{
    /// <summary>Quantities whose coverage is measured.</summary>
    public static readonly string[] Quantities = ["alpha", "beta", "n_opt_exponent"];

    /// <param name="progress">Fraction of data sets done.</param>
    public static IReadOnlyList<CoverageCell> Run(LossSurface truth, IsoFlopDesign design, double noise, int dataSets, int resamples,
        double[] levels, VarProOptions options, ulong seed, IComputeDevice device, IProgress<double>? progress = null)
    {
        var hits = new int[Quantities.Length, 2, levels.Length];
        var fitOptions = new FitOptions { Methods = [FitMethod.Vpnls], VarPro = options, TargetCompute = [] };
        double[] truths = [truth.Alpha, truth.Beta, truth.ParamsExponent];
        for (int d = 0; d < dataSets; d++)
        {
            RunTable runs = design.Sample(truth, noise, seed, d);
            SurfaceFit full = VarPro.Fit(runs, options, device);
            ResamplePlan plan = ResamplePlan.For(runs, ResampleUnit.Points);
            var weights = new double[resamples * runs.Count];
            // Resample keys are offset per data set so no two data sets share resamples.
            device.Multiplicities(plan, seed, (long)d * resamples, resamples, weights);
            MethodFits boot = MethodFits.Fit(FitMethod.Vpnls, runs, weights, resamples, fitOptions, 0, null, device);
            MethodFits jack = MethodFits.Fit(FitMethod.Vpnls, runs, plan.JackknifeWeights(), plan.UnitCount, fitOptions, 0, null, device);
            for (int q = 0; q < Quantities.Length; q++)
            {
                var quantity = new Quantity(Quantities[q]);
                double[] replicates = Enumerable.Range(0, boot.Count).Select(i => boot.Value(quantity, i)).ToArray();
                double[] jackknife = Enumerable.Range(0, jack.Count).Select(i => jack.Value(quantity, i)).ToArray();
                double estimate = quantity.Of(full);
                for (int k = 0; k < 2; k++)
                    for (int l = 0; l < levels.Length; l++)
                    {
                        IntervalBounds b = IntervalEstimator.Estimate(replicates, estimate, jackknife, levels[l], (IntervalKind)k);
                        if (b.Lo <= truths[q] && truths[q] <= b.Hi) hits[q, k, l]++;
                    }
            }
            progress?.Report((d + 1.0) / dataSets);
        }
        var cells = new List<CoverageCell>();
        for (int q = 0; q < Quantities.Length; q++)
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < levels.Length; l++)
                    cells.Add(new CoverageCell(Quantities[q], (IntervalKind)k, levels[l], hits[q, k, l], dataSets));
        return cells;
    }
}
