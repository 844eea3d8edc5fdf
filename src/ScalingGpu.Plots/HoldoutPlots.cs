using ScalingGpu.Models;
using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>The backtest figure of <c>fit --holdout-above</c>, drawn from holdout.parquet and fits.parquet.</summary>
public static class HoldoutPlots
{
    /// <summary>
    /// Loss against N (log axis) at each held-out budget: the held-out runs, each surface method's IsoFLOP curve fitted
    /// without them (with its prediction interval at the runs, when bootstrapped), and every method's predicted N*(C).
    /// </summary>
    public static Plot HeldOut(OutputTable holdout, OutputTable fits, string dataset)
    {
        var plot = new Plot();
        string?[] method = holdout.Texts("method");
        double[] n = holdout.Numbers("N"), budget = holdout.Numbers("budget"), observed = holdout.Numbers("observed");
        double[] piLo = holdout.Numbers("pi_lo"), piHi = holdout.Numbers("pi_hi"), nOpt = holdout.Numbers("n_opt_predicted");
        double[] budgets = budget.Distinct().Order().ToArray();
        string first = method[0]!;   // every method lists the same runs
        for (int k = 0; k < budgets.Length; k++)
        {
            int[] rows = Rows(method, budget, first, budgets[k]);
            var runs = plot.Add.ScatterPoints(rows.Select(i => Math.Log10(n[i])).ToArray(), rows.Select(i => observed[i]).ToArray(), Colors.Black);
            runs.MarkerSize = 9;
            runs.LegendText = $"held-out runs, C = {budgets[k]:0.#e0}";
            double own = holdout.Numbers("n_opt_observed")[rows[0]];
            if (!double.IsFinite(own)) continue;
            var minimum = plot.Add.VerticalLine(Math.Log10(own), 2, Colors.Black);
            if (k == 0) minimum.LegendText = "held-out runs' own parabola minimum";
        }
        string?[] fitMethods = fits.Texts("method"), status = fits.Texts("status");
        for (int f = 0; f < fits.Count; f++)
        {
            string name = fitMethods[f]!;
            Color color = PlotStyle.MethodColor(name);
            bool labelled = false;
            foreach (double c in budgets)
            {
                int[] rows = Rows(method, budget, name, c);
                if (rows.Length == 0) continue;
                double lo = rows.Min(i => Math.Log10(n[i])) - 0.15, hi = rows.Max(i => Math.Log10(n[i])) + 0.15;
                double optimum = nOpt[rows[0]];
                if (double.IsFinite(optimum))
                {
                    var line = plot.Add.VerticalLine(Math.Log10(optimum), 1.5f, color);
                    if (name == "approach2") line.LegendText = "approach2: predicted N*(C)";
                }
                if (name == "approach2" || status[f] == "failed") continue;
                var surface = new LossSurface(fits.Numbers("E")[f], fits.Numbers("A")[f], fits.Numbers("B")[f], fits.Numbers("alpha")[f], fits.Numbers("beta")[f]);
                double[] x = Enumerable.Range(0, 60).Select(k => lo + (hi - lo) * k / 59).ToArray();
                var curve = plot.Add.ScatterLine(x, x.Select(v => surface.Loss(Math.Pow(10, v), c / (ComputeModel.FlopsPerTokenParam * Math.Pow(10, v)))).ToArray(), color);
                curve.LineWidth = 2;
                if (!labelled) { curve.LegendText = $"{name}: predicted curve and N*(C)"; labelled = true; }
                int[] banded = rows.Where(i => double.IsFinite(piLo[i])).OrderBy(i => n[i]).ToArray();
                foreach (int i in banded)
                {
                    // Side by side, so one method's interval does not hide another's.
                    double x0 = Math.Log10(n[i]) + 0.012 * (f - 1);
                    var bar = plot.Add.Line(x0, piLo[i], x0, piHi[i]);
                    bar.Color = color.WithAlpha(0.6);
                    bar.LineWidth = 4;
                }
                if (banded.Length > 0 && c == budgets[0])
                {
                    var key = plot.Add.ScatterLine(new[] { double.NaN }, new[] { double.NaN }, color.WithAlpha(0.6));
                    key.LineWidth = 4;
                    key.LegendText = $"{name}: prediction interval ({holdout.Numbers("level")[banded[0]] * 100:G3}%)";
                }
            }
        }
        PlotStyle.LogAxis(plot.Axes.Bottom);
        PlotStyle.Finish(plot, $"{dataset}: held-out runs against the fits without them", "parameters N", "final loss", Alignment.UpperRight);
        return plot;
    }

    static int[] Rows(string?[] method, double[] budget, string name, double c) =>
        Enumerable.Range(0, method.Length).Where(i => method[i] == name && budget[i] == c).ToArray();
}
