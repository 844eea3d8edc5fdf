using ScalingGpu.Kernels;

namespace ScalingGpu.Predictions;

/// <summary>
/// Standard Student-t variates with ν degrees of freedom from Philox, keyed like the prediction noise:
/// t = z / √(χ²_ν / ν). A prediction interval drawn with them carries the uncertainty of σ̂ (estimated from n − 5 degrees
/// of freedom) as the classical t interval does; normal draws under-cover when n is small.
/// </summary>
internal static class StudentNoise
{
    /// <summary>Philox streams of the χ² part (the normal numerator is <see cref="LossIntervals.NoiseStream"/>).</summary>
    const uint ChiNormalStream = 4, ChiUniformStream = 5;

    /// <summary>Proposals per χ² draw: Marsaglia and Tsang's method accepts more than 95% of them.</summary>
    const int Attempts = 64;

    /// <summary>Draw <paramref name="draw"/> of resample <paramref name="resample"/> under <paramref name="seed"/>.</summary>
    public static double Draw(double dof, ulong seed, long resample, long draw) =>
        Philox.Normal(seed, resample, draw, LossIntervals.NoiseStream) / Math.Sqrt(ChiSquared(dof, seed, resample, draw) / dof);

    // χ²_ν = 2·Gamma(ν/2) by Marsaglia and Tsang (2000); a shape below 1 by Gamma(a) = Gamma(a + 1)·U^(1/a).
    static double ChiSquared(double dof, ulong seed, long resample, long draw)
    {
        double shape = dof / 2, boost = 1;
        long first = draw * (Attempts + 1);
        if (shape < 1)
        {
            boost = Math.Pow(1 - Philox.Uniform(seed, resample, first + Attempts, ChiUniformStream), 1 / shape);
            shape += 1;
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        for (long key = first; key < first + Attempts; key++)
        {
            double x = Philox.Normal(seed, resample, key, ChiNormalStream), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            if (Math.Log(1 - Philox.Uniform(seed, resample, key, ChiUniformStream)) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return 2 * d * v * boost;
        }
        return dof;   // 64 rejections in a row (probability below 1e−80): the mean, so t falls back to z
    }
}
