namespace ScalingGpu.Plots;

/// <summary>Which swept design dimension a sweep figure puts on its x axis.</summary>
/// <param name="Label">Axis label.</param>
/// <param name="Values">The dimension's value in every row.</param>
/// <param name="Log">Space the axis logarithmically (sizes and widths, and noise when every σ is positive).</param>
/// <param name="IsPlacement">Offset or drift: where the curves sit, rather than how they sample.</param>
public sealed record DesignDimension(string Label, double[] Values, bool Log, bool IsPlacement)
{
    /// <summary>
    /// The dimension with the most distinct values (ties in the order width, points per curve, noise, offset, drift), so
    /// every figure of one sweep shares its x axis; width when nothing varies.
    /// </summary>
    public static DesignDimension Swept(double[] width, double[] points, double[] noise, double[] offset, double[] drift)
    {
        DesignDimension[] candidates =
        [
            new("width factor W (N spans N*/W … N*·W)", width, true, false),
            new("points per IsoFLOP curve", points, true, false),
            new("noise σ", noise, noise.All(v => v > 0), false),   // σ = 0 has no logarithm
            new("offset (centre at N*/offset)", offset, false, true),
            new("drift (centre drifts to N*/drift)", drift, false, true),
        ];
        return candidates.OrderByDescending(d => d.Values.Distinct().Count()).First();   // a stable sort keeps the tie order
    }

    /// <summary>The axis coordinate of <paramref name="value"/>.</summary>
    public double X(double value) => Log ? Math.Log10(value) : value;

    /// <summary>A labelled tick at every swept value on a log axis (the automatic ones would name powers of ten).</summary>
    public void Ticks(ScottPlot.Plot plot)
    {
        if (Log)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Values.Distinct().Order().Select(v => new ScottPlot.Tick(Math.Log10(v), $"{v:G3}")).ToArray());
    }
}
