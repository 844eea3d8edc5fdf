using ScalingGpu.Models;
using ScalingGpu.Data;
using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>Records of a sweep data set, merged from every part, with the method taken from the partition directory.</summary>
public sealed record SweepTable(string[] Method, string?[] Surface, double[] Width, double[] Offset, double[] Drift, double[] Compute,
                                double[] DError, double[] AError, double[] Noise, double[] Points)
{
    /// <summary>Reads OUT/records/method=*/part-*.parquet.</summary>
    /// <exception cref="InputDataException">No records are there.</exception>
    public static SweepTable Read(string sweepDirectory)
    {
        string records = Path.Combine(sweepDirectory, "records");
        string[] parts = Directory.Exists(records) ? Directory.GetFiles(records, "part-*.parquet", SearchOption.AllDirectories).Order().ToArray() : [];
        if (parts.Length == 0) throw new InputDataException($"{sweepDirectory}: no sweep records under records/; run 'scalinggpu sweep' first.");
        var tables = parts.Select(p => (Method: Path.GetFileName(Path.GetDirectoryName(p)!).Replace("method=", ""), Table: new OutputTable(RawTable.Read(p)))).ToList();
        double[] All(string column) => tables.SelectMany(t => t.Table.Numbers(column)).ToArray();
        return new SweepTable(tables.SelectMany(t => Enumerable.Repeat(t.Method, t.Table.Count)).ToArray(), tables.SelectMany(t => t.Table.Texts("surface")).ToArray(),
            All("width_factor"), All("centre_offset"), All("drift_to"), All("extrapolation_compute"), All("d_opt_rel_err"), All("n_opt_exponent_rel_err"), All("noise"), All("points_per_budget"));
    }
}

/// <summary>Figures of a sweep: extrapolation error against the design dimension the sweep varies, like the paper's figures.</summary>
public static class SweepPlots
{
    /// <summary>
    /// Median signed D* error (percent) at the first extrapolation budget against the swept design dimension
    /// (<see cref="DesignDimension.Swept"/>), one line per method and surface, over the centred designs (offset 1, no
    /// drift) when the x axis is neither offset nor drift and the sweep has any. Colour and marker name the method; with
    /// several surfaces the marker names the surface instead.
    /// </summary>
    public static Plot ErrorVsDesign(SweepTable t, string sweepName)
    {
        DesignDimension x = DesignDimension.Swept(t.Width, t.Points, t.Noise, t.Offset, t.Drift);
        double c0 = t.Compute.Min();
        bool centredOnly = !x.IsPlacement && Enumerable.Range(0, t.Method.Length).Any(i => t.Offset[i] == 1 && t.Drift[i] == 1);
        var rows = Enumerable.Range(0, t.Method.Length).Where(i => t.Compute[i] == c0 && (!centredOnly || (t.Offset[i] == 1 && t.Drift[i] == 1))).ToArray();
        var plot = new Plot();
        string[] surfaces = t.Surface.Select(s => s ?? "").Distinct().Order().ToArray();
        MarkerShape[] surfaceMarkers = [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Cross];
        var styles = PlotStyle.SeriesStyles(rows.Select(i => t.Method[i]));
        foreach (var group in rows.GroupBy(i => (t.Method[i], t.Surface[i])).OrderBy(g => g.Key))
        {
            var byValue = group.GroupBy(i => x.Values[i]).OrderBy(g => g.Key).ToArray();
            double[] xs = byValue.Select(g => x.X(g.Key)).ToArray();
            double[] ys = byValue.Select(g => 100 * SampleStatistics.Median(g.Select(i => t.DError[i]).Where(double.IsFinite).ToArray())).ToArray();
            var (color, marker) = styles[group.Key.Item1];
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = surfaces.Length > 1 ? $"{group.Key.Item1} on {group.Key.Item2}" : group.Key.Item1;
            line.LineWidth = 2;
            line.MarkerSize = 10;
            line.MarkerShape = surfaces.Length > 1 ? surfaceMarkers[Array.IndexOf(surfaces, group.Key.Item2 ?? "") % surfaceMarkers.Length] : marker;
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        x.Ticks(plot);
        PlotStyle.Finish(plot, $"{sweepName}: D* error at C = {c0:0.##e0} FLOPs{(centredOnly ? " (centred designs)" : "")}", x.Label,
                         "median D* error (% of true D*)", Alignment.LowerLeft);
        return plot;
    }
}
