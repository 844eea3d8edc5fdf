namespace ScalingGpu.Models;

/// <summary>Statistics of a sample shared by the sweep summaries and the figures (one definition).</summary>
internal static class SampleStatistics
{
    /// <summary>The median; NaN for an empty sample (a design with no successful fit).</summary>
    public static double Median(double[] values) => values.Length == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(values);

    /// <summary>
    /// Wilson's score interval for a binomial share <paramref name="hits"/>/<paramref name="n"/> at <paramref name="level"/>:
    /// unlike p ± z·√(p(1−p)/n) it has width at p = 0 or 1 (100 of 100 is [0.963, 1], not 1 ± 0) and stays in [0, 1].
    /// NaN bounds when n is 0.
    /// </summary>
    public static (double Lo, double Hi) WilsonInterval(int hits, int n, double level = 0.95)
    {
        if (n <= 0) return (double.NaN, double.NaN);
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + level / 2), z2n = z * z / n, p = (double)hits / n;
        double centre = (p + z2n / 2) / (1 + z2n), half = z / (1 + z2n) * Math.Sqrt(p * (1 - p) / n + z2n / (4 * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
