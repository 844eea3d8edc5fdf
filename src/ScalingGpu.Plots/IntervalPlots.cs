using ScalingGpu.Bootstrap;
using ScalingGpu.Models;
using ScalingGpu.Data;
using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>Interval rows of a CI sweep, merged from every part under OUT/intervals/, with the method from the partition directory.</summary>
public sealed record IntervalTable(string[] Method, QuantityKind[] Quantity, double[] Compute, string?[] Kind, double[] Level, bool[] Covered,
                                   double[] RelWidth, double[] Width, double[] Points, double[] Noise, double[] Offset, double[] Drift)
{
    /// <summary>Reads OUT/intervals/method=*/part-*.parquet, or null when the sweep has no bootstrap block.</summary>
    /// <exception cref="InputDataException">A part lacks a column or names an unknown quantity.</exception>
    public static IntervalTable? TryRead(string sweepDirectory)
    {
        string dir = Path.Combine(sweepDirectory, "intervals");
        string[] parts = Directory.Exists(dir) ? Directory.GetFiles(dir, "part-*.parquet", SearchOption.AllDirectories).Order().ToArray() : [];
        if (parts.Length == 0) return null;
        var tables = parts.Select(p => (Method: Path.GetFileName(Path.GetDirectoryName(p)!).Replace("method=", ""), Table: new OutputTable(RawTable.Read(p)))).ToList();
        double[] All(string column) => tables.SelectMany(t => t.Table.Numbers(column)).ToArray();
        string?[] Texts(string column) => tables.SelectMany(t => t.Table.Texts(column)).ToArray();
        QuantityKind[] quantities = tables.SelectMany(t => t.Table.Texts("quantity").Select(q => QuantityNames.Parse(q, $"{t.Table.Source}, column 'quantity'"))).ToArray();
        return new IntervalTable(tables.SelectMany(t => Enumerable.Repeat(t.Method, t.Table.Count)).ToArray(), quantities, All("compute"),
            Texts("interval_kind"), All("level"), Texts("covered").Select(c => string.Equals(c, "true", StringComparison.OrdinalIgnoreCase)).ToArray(),
            All("rel_width"), All("width_factor"), All("points_per_budget"), All("noise"), All("centre_offset"), All("drift_to"));
    }

    /// <summary>The swept design dimension on the x axis (<see cref="DesignDimension.Swept"/>).</summary>
    public DesignDimension Dimension() => DesignDimension.Swept(Width, Points, Noise, Offset, Drift);
}

/// <summary>Figures of a CI sweep: how honest (coverage) and how wide each method's interval is against the swept design dimension.</summary>
public static class IntervalPlots
{
    /// <summary>
    /// Coverage of <paramref name="quantity"/>'s interval (first kind and level of the sweep; N*, D*, L* at the first budget)
    /// against the swept dimension, pooled over the other dimensions, one line per method; a dashed line marks the nominal
    /// level and a band nominal ± 2 binomial SEs (√(p(1−p)/n), p nominal, n data sets per point) the range an honest interval stays in.
    /// </summary>
    public static Plot Coverage(IntervalTable t, QuantityKind quantity)
    {
        var (rows, kind, level) = Selection(t, quantity);
        DesignDimension x = t.Dimension();
        var plot = new Plot();
        double[] xsAll = x.Values.Distinct().Order().Select(x.X).ToArray();
        // Undefined intervals (every resample failed) are neither hits nor misses: they are left out, as in the summary.
        rows = rows.Where(i => double.IsFinite(t.RelWidth[i])).ToArray();
        int n = rows.GroupBy(i => (t.Method[i], x.Values[i])).Select(g => g.Count()).DefaultIfEmpty(1).Min();
        double band = 2 * Math.Sqrt(level * (1 - level) / n);
        var fill = plot.Add.FillY(xsAll, xsAll.Select(_ => level - band).ToArray(), xsAll.Select(_ => level + band).ToArray());
        fill.FillColor = Colors.Gray.WithAlpha(0.2);
        fill.LineWidth = 0;
        fill.LegendText = $"nominal ± 2 SE (n = {n})";
        plot.Add.HorizontalLine(level, 1.5f, Colors.Black);   // solid: Skia's SVG backend draws no dash patterns
        double[] coverage = MethodLines(plot, t, rows, x, members => members.Average(i => t.Covered[i] ? 1.0 : 0.0));
        double lowest = Math.Min(level - band, coverage.DefaultIfEmpty(level).Min());
        x.Ticks(plot);
        PlotStyle.Finish(plot, $"Coverage of the {level:0.##%} {kind} interval of {Label(quantity, t, rows)}", x.Label,
                         "share of data sets whose interval holds the truth", Alignment.LowerRight);
        plot.Axes.SetLimitsY(Math.Max(0, lowest - 0.03), 1.005);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Median relative width (percent of |truth|) of <paramref name="quantity"/>'s interval against the swept dimension, one line per method.</summary>
    public static Plot Width(IntervalTable t, QuantityKind quantity)
    {
        var (rows, kind, level) = Selection(t, quantity);
        DesignDimension x = t.Dimension();
        var plot = new Plot();
        MethodLines(plot, t, rows, x, members => 100 * SampleStatistics.Median(members.Select(i => t.RelWidth[i]).Where(double.IsFinite).ToArray()));
        x.Ticks(plot);
        PlotStyle.Finish(plot, $"Median width of the {level:0.##%} {kind} interval of {Label(quantity, t, rows)}", x.Label,
                         "median interval width (% of the true value)", Alignment.UpperRight);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    // One line per method label (its colour and marker): value(rows at one x) against the swept dimension; returns every value drawn.
    static double[] MethodLines(Plot plot, IntervalTable t, int[] rows, DesignDimension x, Func<IEnumerable<int>, double> value)
    {
        var drawn = new List<double>();
        var styles = PlotStyle.SeriesStyles(rows.Select(i => t.Method[i]));
        foreach (var group in rows.GroupBy(i => t.Method[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byValue = group.GroupBy(i => x.Values[i]).OrderBy(g => g.Key).ToArray();
            double[] ys = byValue.Select(g => value(g)).ToArray();
            drawn.AddRange(ys);
            var line = plot.Add.Scatter(byValue.Select(g => x.X(g.Key)).ToArray(), ys, styles[group.Key].Color);
            line.MarkerShape = styles[group.Key].Marker;
            line.LegendText = group.Key;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }
        return drawn.ToArray();
    }

    // Rows of the quantity at the sweep's first interval kind, first level and (for N*, D*, L*) first budget.
    static (int[] Rows, string Kind, double Level) Selection(IntervalTable t, QuantityKind quantity)
    {
        int[] q = Enumerable.Range(0, t.Method.Length).Where(i => t.Quantity[i] == quantity).ToArray();
        if (q.Length == 0) return ([], "percentile", 0.95);
        string kind = t.Kind[q[0]]!;
        double level = t.Level[q[0]];
        double c = q.Select(i => t.Compute[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        return (q.Where(i => t.Kind[i] == kind && t.Level[i] == level && (double.IsNaN(c) || t.Compute[i] == c)).ToArray(), kind, level);
    }

    static string Label(QuantityKind quantity, IntervalTable t, int[] rows) => rows.Length > 0 && double.IsFinite(t.Compute[rows[0]])
        ? $"{quantity.Name()} at C = {t.Compute[rows[0]]:0.##e0}" : quantity.Name();

}
