using ScalingGpu.Bootstrap;
using ScalingGpu.Models;
using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>Figures of a <c>fit --out</c> directory: IsoFLOP curves, bootstrap distributions and the objective heatmap.</summary>
public static class FitPlots
{
    /// <summary>Rows of points.parquet that were fitted: neither dropped nor held out (a column older outputs lack).</summary>
    public static bool[] Fitted(OutputTable points)
    {
        static bool False(string? flag) => flag is "False" or "false";
        string?[] dropped = points.Texts("dropped");
        string?[] heldOut = points.Has("held_out") ? points.Texts("held_out") : new string?[dropped.Length];
        return dropped.Select((d, i) => False(d) && (heldOut[i] is null || False(heldOut[i]))).ToArray();
    }

    /// <summary>
    /// Loss against N per budget (log N axis): the runs, Approach 2's parabolas and their minima, each fitted surface's
    /// IsoFLOP curves, and every method's N*(C) across the budgets.
    /// </summary>
    public static Plot IsoFlops(OutputTable points, OutputTable fits, OutputTable? parabolas, string dataset)
    {
        var plot = new Plot();
        bool[] used = Fitted(points);
        double[] n = Keep(points.Numbers("N"), used), d = Keep(points.Numbers("D"), used), loss = Keep(points.Numbers("loss"), used), budget = Keep(points.Numbers("budget"), used);
        double[] budgets = budget.Distinct().Order().ToArray();
        // Runs that do not form a few IsoFLOP curves (e.g. Chinchilla's extraction) are one series, without per-budget curves.
        bool curves = budgets.Length <= MaxCurves;
        if (!curves)
        {
            var all = plot.Add.ScatterPoints(n.Select(Math.Log10).ToArray(), loss, Colors.Gray);
            all.MarkerSize = 5;
            all.LegendText = $"runs ({budgets.Length} distinct budgets: no IsoFLOP curves to draw)";
            budgets = [];
        }
        for (int k = 0; k < budgets.Length; k++)
        {
            int[] rows = Enumerable.Range(0, n.Length).Where(i => budget[i] == budgets[k]).ToArray();
            var dots = plot.Add.ScatterPoints(rows.Select(i => Math.Log10(n[i])).ToArray(), rows.Select(i => loss[i]).ToArray(), PlotStyle.SequenceColor(k, budgets.Length));
            dots.MarkerSize = 6;
            dots.LegendText = $"C = {budgets[k]:0.#e0} runs";
        }

        // Approach 2's parabolas as fitted (parabolas.parquet), over each budget's range of N.
        int[] used2 = parabolas is null ? [] : Enumerable.Range(0, parabolas.Count).Where(k => parabolas.Texts("dropped_reason")[k] is null).ToArray();
        foreach (int k in used2)
        {
            double c = parabolas!.Numbers("budget")[k], q2 = parabolas.Numbers("coef_quadratic")[k], q1 = parabolas.Numbers("coef_linear")[k], q0 = parabolas.Numbers("coef_constant")[k];
            int[] rows = Enumerable.Range(0, n.Length).Where(i => budget[i] == c).ToArray();
            if (rows.Length == 0) continue;
            double[] x = Range(rows.Min(i => Math.Log10(n[i])), rows.Max(i => Math.Log10(n[i])), 60);
            var curve = plot.Add.ScatterLine(x, x.Select(v => q2 * v * v + q1 * v + q0).ToArray(), PlotStyle.MethodColor("approach2"));
            curve.LineWidth = 1.5f;
        }
        if (used2.Length > 0)
        {
            var vertices = plot.Add.ScatterPoints(used2.Select(k => Math.Log10(parabolas!.Numbers("vertex_params")[k])).ToArray(),
                used2.Select(k => parabolas!.Numbers("vertex_loss")[k]).ToArray(), PlotStyle.MethodColor("approach2"));
            vertices.MarkerShape = PlotStyle.MethodMarker("approach2");
            vertices.MarkerSize = 11;
            vertices.LegendText = "approach2: parabolas and their minima";
        }

        string?[] methods = fits.Texts("method");
        int drawn = 0;
        for (int f = 0; f < fits.Count; f++)
        {
            if (methods[f] == "approach2" || fits.Texts("status")[f] == "failed") continue;
            var surface = new LossSurface(fits.Numbers("E")[f], fits.Numbers("A")[f], fits.Numbers("B")[f], fits.Numbers("alpha")[f], fits.Numbers("beta")[f]);
            Color color = PlotStyle.MethodColor(methods[f]!);
            foreach (double c in budgets)
            {
                int[] rows = Enumerable.Range(0, n.Length).Where(i => budget[i] == c).ToArray();
                double[] x = Range(rows.Min(i => Math.Log10(n[i])) - 0.1, rows.Max(i => Math.Log10(n[i])) + 0.1, 60);
                var line = plot.Add.ScatterLine(x, x.Select(v => surface.Loss(Math.Pow(10, v), c / (ComputeModel.FlopsPerTokenParam * Math.Pow(10, v)))).ToArray(), color);
                line.LineWidth = 1;
            }
            if (!surface.HasAllocation) continue;
            double[] at = curves ? budgets : Range(Math.Log10(n.Zip(d, ComputeModel.Flops).Min()), Math.Log10(n.Zip(d, ComputeModel.Flops).Max()), 12).Select(v => Math.Pow(10, v)).ToArray();
            var optimum = plot.Add.Scatter(at.Select(c => Math.Log10(surface.OptimalParams(c))).ToArray(), at.Select(surface.OptimalLoss).ToArray(), color);
            optimum.MarkerShape = PlotStyle.MethodMarker(methods[f]!);
            optimum.MarkerSize = 9;
            // Surfaces often agree to the pixel: each later method draws a thinner line, so every earlier one shows around it.
            optimum.LineWidth = 5 - 2 * drawn++;
            optimum.LegendText = curves ? $"{methods[f]} surface (thin) and N*(C)" : $"{methods[f]}: N*(C) and L*(C) across the runs' compute";
        }
        PlotStyle.LogAxis(plot.Axes.Bottom);
        PlotStyle.Finish(plot, $"IsoFLOP curves of {dataset}", "parameters N", "final loss", Alignment.LowerLeft);
        plot.ShowLegend(Edge.Right);   // beside the plot: ten budgets' curves leave no empty corner
        return plot;
    }

    /// <summary>Histogram of one quantity's bootstrap replicates with the interval and the full-data estimate marked.</summary>
    public static Plot Bootstrap(string dataset, string method, QuantityKind quantity, double? compute, double[] replicates, double estimate, double lo, double hi, double level, bool logScale)
    {
        double[] values = replicates.Where(double.IsFinite).Select(v => logScale ? Math.Log10(v) : v).ToArray();
        var plot = new Plot();
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(40, values);
        var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
        foreach (var bar in bars.Bars) { bar.Size = histogram.FirstBinSize * 0.95; bar.LineWidth = 0; bar.FillColor = PlotStyle.MethodColor(method).WithAlpha(0.6); }
        double T(double v) => logScale ? Math.Log10(v) : v;
        foreach (var (x, label) in new[] { (T(lo), $"{level * 100:G3}% interval"), (T(hi), ""), (T(estimate), "full-data estimate") })
        {
            if (!double.IsFinite(x)) continue;
            var line = plot.Add.VerticalLine(x, 2, label.StartsWith("full") ? Colors.Black : Colors.Red);
            if (label.Length > 0) line.LegendText = label;
        }
        string what = compute is { } c ? $"{quantity.Name()} at C = {c:0.##e0} FLOPs" : quantity.Name();
        if (logScale) PlotStyle.LogAxis(plot.Axes.Bottom);
        PlotStyle.Finish(plot, $"{dataset}, {method}: bootstrap of {what} ({values.Length} resamples)", Axis(quantity), "resamples", Alignment.UpperRight);
        return plot;
    }

    /// <summary>The VPNLS objective over (α, β) as log10(objective / minimum), with the optimum and the bootstrap cloud.</summary>
    public static Plot Heatmap(string dataset, OutputTable grid, double alphaOpt, double betaOpt, double[]? cloudAlpha, double[]? cloudBeta)
    {
        double[] alphas = grid.Numbers("alpha").Distinct().Order().ToArray(), betas = grid.Numbers("beta").Distinct().Order().ToArray();
        double[] objective = grid.Numbers("objective");
        // Exact fits (noise-free data) reach 0 at the optimum: scale by the smallest positive value and floor there.
        double min = objective.Where(v => double.IsFinite(v) && v > 0).DefaultIfEmpty(1).Min();
        var cells = new double[betas.Length, alphas.Length];   // rows = β (top to bottom: high to low), columns = α
        for (int k = 0; k < objective.Length; k++)
        {
            int a = k / betas.Length, b = k % betas.Length;
            cells[betas.Length - 1 - b, a] = double.IsFinite(objective[k]) ? Math.Log10(Math.Max(objective[k], min) / min) : double.NaN;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        double da = alphas.Length > 1 ? alphas[1] - alphas[0] : 0.01, db = betas.Length > 1 ? betas[1] - betas[0] : 0.01;
        heatmap.Extent = new CoordinateRect(alphas[0] - da / 2, alphas[^1] + da / 2, betas[0] - db / 2, betas[^1] + db / 2);
        plot.Add.ColorBar(heatmap).Label = "log10(objective / minimum)";
        if (cloudAlpha is not null && cloudBeta is not null)
        {
            var cloud = plot.Add.ScatterPoints(cloudAlpha, cloudBeta, Colors.Orange.WithAlpha(0.7));
            cloud.MarkerSize = 3;
            cloud.LegendText = "bootstrap optima";
        }
        var best = plot.Add.ScatterPoints(new[] { alphaOpt }, new[] { betaOpt }, Colors.Red);
        best.MarkerShape = MarkerShape.Cross;
        best.MarkerSize = 18;
        best.LegendText = $"optimum α {alphaOpt:F4}, β {betaOpt:F4}";
        PlotStyle.Finish(plot, $"VPNLS objective over (α, β) on {dataset}", "α (parameter exponent)", "β (data exponent)", Alignment.UpperRight);
        return plot;
    }

    static string Axis(QuantityKind quantity) => quantity switch
    {
        QuantityKind.Alpha => "α", QuantityKind.Beta => "β", QuantityKind.NOptExponent => "a (N* ∝ C^a)", QuantityKind.DOptExponent => "b (D* ∝ C^b)",
        QuantityKind.NOpt => "N* (parameters)", QuantityKind.DOpt => "D* (tokens)", QuantityKind.LOpt => "L* (loss)", _ => quantity.Name(),
    };

    // More budgets than this are not IsoFLOP curves one can tell apart.
    const int MaxCurves = 12;

    static double[] Keep(double[] values, bool[] keep) => values.Where((_, i) => keep[i]).ToArray();

    static double[] Range(double lo, double hi, int count) => Enumerable.Range(0, count).Select(k => lo + (hi - lo) * k / (count - 1)).ToArray();
}
