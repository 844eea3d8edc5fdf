using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Predictions;

/// <summary>
/// Confidence and prediction intervals of a surface method's predicted loss from the resample fits of a bootstrap
/// (the same resamples, level and construction as the fit's own intervals).
/// </summary>
internal static class LossIntervals
{
    /// <summary>Philox stream of the prediction noise (1 is resampling, 2 simulation noise; 4 and 5 the χ² of <see cref="StudentNoise"/>), keyed by (seed, resample, target).</summary>
    public const uint NoiseStream = 3;

    /// <summary>Free parameters of a surface (E, A, B, α, β): the degrees of freedom the residual scale loses.</summary>
    const int SurfaceParameters = 5;

    /// <summary>Noise draws per resample: the prediction interval's tails then rest on R·16 values, not R (a cheap sum, no refits).</summary>
    const int NoiseDraws = 16;

    /// <summary>σ̂ = √(RSS/ν) on the fit's scale, ν = <see cref="DegreesOfFreedom"/>.</summary>
    public static double ResidualScale(SurfaceFit fit, int points) => Math.Sqrt(fit.Rss / DegreesOfFreedom(points));

    /// <summary>ν = n − 5, the residual degrees of freedom of a surface fit (1 when n ≤ 5).</summary>
    public static int DegreesOfFreedom(int points) => Math.Max(points - SurfaceParameters, 1);

    /// <summary>The scale a method's residuals live on: Approach 3 always fits log loss, VPNLS as configured.</summary>
    public static LossSpace SpaceOf(FitMethod method, FitOptions options) => method == FitMethod.Approach3 ? LossSpace.Log : options.VarPro.Space;

    /// <summary>
    /// Predicts <paramref name="count"/> targets with <paramref name="predict"/>(surface, target index) from the full fit of
    /// <paramref name="method"/> and, under the report's bootstrap, from every resample fit r: the confidence interval is the
    /// interval of the resample predictions L̂_r; the prediction interval is that of L̂_r + σ̂·t_rk (raw loss)
    /// or L̂_r·exp(σ̂·t_rk) (log loss) over 16 draws k per resample, t_rk Student-t with the fit's ν = n − 5 degrees of
    /// freedom from Philox (seed, r, 16·target + k; <see cref="StudentNoise"/>). BCa uses the jackknife fits' predictions
    /// for its acceleration in both. The prediction interval always contains the confidence interval.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="report"/> has no surface fit of <paramref name="method"/>.</exception>
    public static PredictedLoss[] Estimate(FitMethod method, FitReport report, int count, Func<LossSurface, int, double> predict)
    {
        BootstrapOptions? bootstrap = report.Request.Bootstrap;
        SurfaceFit full = report.Surfaces.FirstOrDefault(s => s.Method == method)
                          ?? throw new ArgumentException($"The report has no {method.Name()} surface.", nameof(method));
        double sigma = ResidualScale(full, report.PointCount);
        double Point(SurfaceFit fit, int j) => fit.Status == FitStatus.Failed ? double.NaN : predict(fit.Surface, j);
        var result = new PredictedLoss[count];
        MethodFits? fits = report.Bootstrap?.Fits.FirstOrDefault(f => f.Method == method);
        if (bootstrap is null || fits is null)
        {
            for (int j = 0; j < count; j++) result[j] = PredictedLoss.PointOnly(Point(full, j), sigma);
            return result;
        }
        MethodFits? jack = report.Bootstrap!.Jackknife.FirstOrDefault(f => f.Method == method);
        bool log = SpaceOf(method, report.Request.Options) == LossSpace.Log;
        ulong seed = report.Bootstrap.Seed;
        int dof = DegreesOfFreedom(report.PointCount);
        Parallel.For(0, count, j =>
        {
            double estimate = Point(full, j);
            double[] mean = new double[fits.Count], draws = new double[fits.Count * NoiseDraws];
            for (int r = 0; r < fits.Count; r++)
            {
                mean[r] = Point(fits.Surfaces![r], j);
                for (int k = 0; k < NoiseDraws; k++)
                {
                    double z = sigma * StudentNoise.Draw(dof, seed, r, (long)j * NoiseDraws + k);
                    draws[r * NoiseDraws + k] = log ? mean[r] * Math.Exp(z) : mean[r] + z;
                }
            }
            double[]? jackknife = jack is null ? null : jack.Surfaces!.Select(f => Point(f, j)).ToArray();
            IntervalBounds ci = IntervalEstimator.Estimate(mean, estimate, jackknife, bootstrap.Level, bootstrap.Interval);
            IntervalBounds pi = IntervalEstimator.Estimate(draws, estimate, jackknife, bootstrap.Level, bootstrap.Interval);
            int used = mean.Count(double.IsFinite);
            // A new run's loss varies at least as much as its mean: the two intervals come from separate quantiles (BCa
            // from separate bias corrections), so where sampling puts a PI end inside the CI, the PI takes the CI's end.
            result[j] = new PredictedLoss(estimate, ci.Lo, ci.Hi, Math.Min(pi.Lo, ci.Lo), Math.Max(pi.Hi, ci.Hi), sigma, bootstrap.Level, bootstrap.Interval,
                                          used, mean.Length - used);
        });
        return result;
    }
}
