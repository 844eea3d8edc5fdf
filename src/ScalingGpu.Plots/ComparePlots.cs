using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>The figure of <c>compare A B</c>, drawn from frontiers.parquet and compare.parquet.</summary>
public static class ComparePlots
{
    /// <summary>
    /// L*(C) against C (log axis) for both data sets and every surface method, each with its bootstrap confidence band,
    /// and each method's crossover compute as a vertical line. A is drawn thick, B thin with markers.
    /// </summary>
    public static Plot Frontiers(OutputTable frontiers, OutputTable compare, string title)
    {
        var plot = new Plot();
        string?[] set = frontiers.Texts("data_set"), method = frontiers.Texts("method");
        double[] c = frontiers.Numbers("compute"), loss = frontiers.Numbers("L_opt"), lo = frontiers.Numbers("lo"), hi = frontiers.Numbers("hi");
        foreach (var group in Enumerable.Range(0, frontiers.Count).GroupBy(i => (Set: set[i]!, Method: method[i]!)))
        {
            int[] rows = group.Where(i => double.IsFinite(loss[i])).ToArray();
            if (rows.Length == 0) continue;
            Color color = PlotStyle.MethodColor(group.Key.Method);
            double[] x = rows.Select(i => Math.Log10(c[i])).ToArray();
            int[] banded = rows.Where(i => double.IsFinite(lo[i]) && double.IsFinite(hi[i])).ToArray();
            if (banded.Length > 1)
            {
                var band = plot.Add.FillY(banded.Select(i => Math.Log10(c[i])).ToArray(), banded.Select(i => lo[i]).ToArray(), banded.Select(i => hi[i]).ToArray());
                band.FillColor = color.WithAlpha(group.Key.Set == "a" ? 0.25 : 0.15);
                band.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(x, rows.Select(i => loss[i]).ToArray(), color);
            bool isA = group.Key.Set == "a";
            line.LineWidth = isA ? 3 : 1.5f;
            line.MarkerSize = isA ? 0 : 6;
            line.MarkerShape = PlotStyle.MethodMarker(group.Key.Method);
            line.LegendText = $"{group.Key.Set.ToUpperInvariant()}: {group.Key.Method} L*(C)" + (banded.Length > 1 ? " and band" : "");
        }
        string?[] crossMethod = compare.Texts("method");
        double[] cross = compare.Numbers("crossover_compute");
        foreach (int i in Enumerable.Range(0, compare.Count).Where(i => double.IsFinite(cross[i])).DistinctBy(i => crossMethod[i]))
        {
            var marker = plot.Add.VerticalLine(Math.Log10(cross[i]), 2, PlotStyle.MethodColor(crossMethod[i]!));
            marker.LegendText = $"{crossMethod[i]} crossover {cross[i]:0.##e0} FLOPs";
        }
        PlotStyle.LogAxis(plot.Axes.Bottom);
        PlotStyle.Finish(plot, title, "compute C (FLOPs)", "compute-optimal loss L*(C)", Alignment.UpperRight);
        return plot;
    }
}
