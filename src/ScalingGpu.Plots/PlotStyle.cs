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
    /// (blue, vermillion, bluish green); anything else reddish purple (see <see cref="SeriesStyles"/> for sweep labels).
    /// </summary>
    public static Color MethodColor(string method) => method switch
    {
        "vpnls" => Color.FromHex("#0072B2"),
        "approach2" => Color.FromHex("#D55E00"),
        "approach3" => Color.FromHex("#009E73"),
        _ => Color.FromHex("#CC79A7"),
    };

    /// <summary>Marker of a method, so overlapping lines stay distinguishable in print and for colour-blind readers.</summary>
    public static MarkerShape MethodMarker(string method) => method switch
    {
        "vpnls" => MarkerShape.FilledCircle,
        "approach2" => MarkerShape.FilledSquare,
        "approach3" => MarkerShape.FilledTriangleUp,
        _ => MarkerShape.FilledDiamond,
    };

    // Okabe–Ito's other colours and markers no method uses, for labels that are not a method's name.
    static readonly Color[] SpareColors = new[] { "#E69F00", "#56B4E9", "#CC79A7", "#000000", "#F0E442" }.Select(Color.FromHex).ToArray();
    static readonly MarkerShape[] SpareMarkers = [MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.Cross];

    /// <summary>
    /// A colour and marker per series label of one figure: a method's name keeps that method's (as in every figure), and
    /// each other label (a sweep variant such as "vpnls_log", which may be any method) takes the next spare pair in
    /// sorted order, so no two series of the figure look alike (up to five such labels; more repeat the cycle).
    /// </summary>
    public static IReadOnlyDictionary<string, (Color Color, MarkerShape Marker)> SeriesStyles(IEnumerable<string> labels)
    {
        var styles = new Dictionary<string, (Color, MarkerShape)>();
        int spare = 0;
        foreach (string label in labels.Distinct().Order(StringComparer.Ordinal))
            styles[label] = label is "vpnls" or "approach2" or "approach3" ? (MethodColor(label), MethodMarker(label))
                : (SpareColors[spare % SpareColors.Length], SpareMarkers[spare++ % SpareMarkers.Length]);
        return styles;
    }

    /// <summary>Colour k of n for series that are not methods (IsoFLOP budgets): viridis, dark to light with the budget.</summary>
    public static Color SequenceColor(int k, int n) => new ScottPlot.Colormaps.Viridis().GetColor(n <= 1 ? 0 : 0.9 * k / (n - 1));

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
