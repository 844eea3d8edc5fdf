namespace ScalingGpu.Models;

/// <summary>Statistics of a sample shared by the sweep summaries and the figures (one definition).</summary>
internal static class SampleStatistics
{
    /// <summary>The median; NaN for an empty sample (a design with no successful fit).</summary>
    public static double Median(double[] values) => values.Length == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(values);
}
