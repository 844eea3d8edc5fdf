using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ScalingGpu.Bootstrap;

/// <summary>An interval with its bootstrap standard error.</summary>
internal readonly record struct IntervalBounds(double Lo, double Hi, double Se);

/// <summary>Percentile and BCa intervals from bootstrap replicates (Efron and Tibshirani 1993, ch. 13–14).</summary>
internal static class IntervalEstimator
{
    /// <summary>
    /// The two-sided interval at <paramref name="level"/>. Percentile: quantiles (1∓level)/2 of the replicates (R type 7).
    /// BCa: quantiles Φ(z0 + (z0 + z)/(1 − a(z0 + z))) with z0 = Φ⁻¹(share of replicates below the estimate, ties half)
    /// and acceleration a = Σ(θ̄ − θ_i)³ / (6·(Σ(θ̄ − θ_i)²)^1.5) over the jackknife values. Non-finite replicates
    /// (failed resamples) are left out here and counted by the caller. SE = sample standard deviation.
    /// </summary>
    public static IntervalBounds Estimate(double[] replicates, double estimate, double[]? jackknife, double level, IntervalKind kind)
    {
        double[] values = replicates.Where(double.IsFinite).Order().ToArray();
        if (values.Length < 2) return new IntervalBounds(double.NaN, double.NaN, double.NaN);
        double se = values.StandardDeviation();
        double lower = (1 - level) / 2, upper = (1 + level) / 2;
        if (kind == IntervalKind.Bca)
        {
            if (!double.IsFinite(estimate) || jackknife is null) return new IntervalBounds(double.NaN, double.NaN, se);
            (lower, upper) = BcaLevels(values, estimate, jackknife, lower, upper);
        }
        return new IntervalBounds(SortedArrayStatistics.QuantileCustom(values, lower, QuantileDefinition.R7),
                                  SortedArrayStatistics.QuantileCustom(values, upper, QuantileDefinition.R7), se);
    }

    static (double, double) BcaLevels(double[] sorted, double estimate, double[] jackknife, double lower, double upper)
    {
        int below = sorted.Count(v => v < estimate), ties = sorted.Count(v => v == estimate);
        double share = Math.Clamp((below + 0.5 * ties) / sorted.Length, 0.5 / sorted.Length, 1 - 0.5 / sorted.Length);
        double z0 = Normal.InvCDF(0, 1, share);
        double[] jack = jackknife.Where(double.IsFinite).ToArray();
        double acceleration = 0;
        if (jack.Length > 2)
        {
            double mean = jack.Average(), num = 0, den = 0;
            foreach (double v in jack) { double d = mean - v; num += d * d * d; den += d * d; }
            acceleration = den > 0 ? num / (6 * Math.Pow(den, 1.5)) : 0;
        }
        double Adjust(double alpha)
        {
            double z = z0 + Normal.InvCDF(0, 1, alpha);
            return Normal.CDF(0, 1, z0 + z / (1 - acceleration * z));
        }
        return (Adjust(lower), Adjust(upper));
    }
}
