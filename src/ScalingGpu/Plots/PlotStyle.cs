using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>
/// Shared look of every figure: size, log-axis ticks, colours per method, and saving PNG + SVG atomically. Lines are solid:
/// Skia's SVG backend cannot draw dash patterns (it prints a warning per dashed line and draws them solid).
/// </summary>
public static class PlotStyle
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 1000, Height = 700;

    /// <summary>Colour of a method's curves and markers.</summary>
    public static Color MethodColor(string method) => method switch
    {
        "vpnls" => Colors.DarkBlue,
        "approach2" => Colors.OrangeRed,
        "approach3" => Colors.ForestGreen,
        _ => Colors.Purple,
    };

    /// <summary>Labels an axis that carries log10 values as 10^k.</summary>
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
