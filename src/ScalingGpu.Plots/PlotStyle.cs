using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>
/// Shared look of every figure: size, type, log-axis ticks, a colour and marker per method, and saving PNG + SVG atomically. Lines are solid:
/// Skia's SVG backend cannot draw dash patterns (it prints a warning per dashed line and draws them solid).
/// </summary>
public static class PlotStyle
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 1000, Height = 700;

    /// <summary>
    /// Colour of a method's curves and markers, the same in every figure: the Okabe–Ito colour-blind-safe palette
    /// (blue, vermillion, bluish green). A sweep label such as "vpnls-huber" takes its method's colour.
    /// </summary>
    public static Color MethodColor(string method) => Family(method) switch
    {
        "vpnls" => Color.FromHex("#0072B2"),
        "approach2" => Color.FromHex("#D55E00"),
        "approach3" => Color.FromHex("#009E73"),
        _ => Color.FromHex("#CC79A7"),
    };

    /// <summary>Marker of a method, so overlapping lines stay distinguishable in print and for colour-blind readers.</summary>
    public static MarkerShape MethodMarker(string method) => Family(method) switch
    {
        "vpnls" => MarkerShape.FilledCircle,
        "approach2" => MarkerShape.FilledSquare,
        "approach3" => MarkerShape.FilledTriangleUp,
        _ => MarkerShape.FilledDiamond,
    };

    /// <summary>Colour k of n for series that are not methods (IsoFLOP budgets): viridis, dark to light with the budget.</summary>
    public static Color SequenceColor(int k, int n) => new ScottPlot.Colormaps.Viridis().GetColor(n <= 1 ? 0 : 0.9 * k / (n - 1));

    static string Family(string method) => new[] { "vpnls", "approach2", "approach3" }.FirstOrDefault(method.StartsWith) ?? method;

    /// <summary>Title, axis labels, and type sizes and tick spacing a reader can take in at print size.</summary>
    public static void Finish(Plot plot, string title, string xLabel, string yLabel, Alignment legend)
    {
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 22;
        plot.XLabel(xLabel, 18);
        plot.YLabel(yLabel, 18);
        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 15;
            // Fewer, rounder ticks than the default (which put a y tick every 0.01 on loss axes).
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic { MinorTickGenerator: not ScottPlot.TickGenerators.LogMinorTickGenerator })
                axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.4 };
        }
        plot.ShowLegend(legend);
        plot.Legend.FontSize = 14;
    }

    /// <summary>Labels an axis that carries log10 values with a tick at every decade, written 10^k, and log minor ticks.</summary>
    public static void LogAxis(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => $"1e{v:0}",
        };
    }

    /// <summary>Writes NAME.png and NAME.svg into <paramref name="directory"/> (each via a temporary file); returns the PNG path.</summary>
    public static string Save(Plot plot, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        foreach (string ext in new[] { "png", "svg" })
        {
            string final = Path.Combine(directory, $"{name}.{ext}");
            string temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.{ext}");
            if (ext == "png") plot.SavePng(temp, Width, Height); else plot.SaveSvg(temp, Width, Height);
            File.Move(temp, final, overwrite: true);
        }
        return Path.Combine(directory, $"{name}.png");
    }
}
