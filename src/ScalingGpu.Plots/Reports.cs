using ScalingGpu.Bootstrap;
using ScalingGpu.Models;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScalingGpu.Data;
using ScottPlot;

namespace ScalingGpu.Plots;

/// <summary>
/// Renders every figure an output directory supports (a fit's or a sweep's) as PNG + SVG, and writes report.md with the
/// tables and the images, ready to paste into a document.
/// </summary>
public static class Reports
{
    /// <summary>Renders into <paramref name="outDirectory"/> (default: the output directory itself); returns the report path.</summary>
    /// <param name="warnings">Receives what the reader should know before trusting the report (an unfinished sweep).</param>
    /// <exception cref="InputDataException">The directory holds neither fit nor sweep outputs.</exception>
    public static string Render(string directory, string? outDirectory = null, TextWriter? warnings = null)
    {
        if (!Directory.Exists(directory)) throw new InputDataException($"{directory}: no such directory; pass the --out directory of a fit or sweep.");
        outDirectory ??= directory;
        var md = new StringBuilder();
        if (File.Exists(Path.Combine(directory, "fits.parquet"))) FitReport(directory, outDirectory, md);
        else if (Directory.Exists(Path.Combine(directory, "records"))) SweepReport(directory, outDirectory, md, warnings);
        else if (File.Exists(Path.Combine(directory, "compare.parquet"))) CompareReport(directory, outDirectory, md);
        else throw new InputDataException($"{directory}: holds neither fits.parquet (from 'fit --out') nor records/ (from 'sweep') nor compare.parquet (from 'compare'); nothing to plot.");
        string path = Path.Combine(outDirectory, "report.md");
        Output.AtomicFile.WriteTextAsync(path, md.ToString()).GetAwaiter().GetResult();
        return path;
    }

    static void FitReport(string dir, string outDir, StringBuilder md)
    {
        OutputTable fits = OutputTable.TryRead(dir, "fits.parquet")!, points = OutputTable.TryRead(dir, "points.parquet")!;
        md.AppendLine("# ScalingGpu fit report").AppendLine();
        int fitted = FitPlots.Fitted(points).Count(f => f);
        md.AppendLine($"{points.Count} runs in the file, {fitted} fitted; see manifest.json for the data file, options and versions.").AppendLine();
        Table(md, fits, ["method", "E", "A", "B", "alpha", "beta", "n_opt_exponent", "n_opt_intercept", "d_opt_exponent", "d_opt_intercept", "objective", "status"]);
        if (OutputTable.TryRead(dir, "allocations.parquet") is { Count: > 0 } allocations)
        {
            md.AppendLine("## Compute-optimal allocation").AppendLine();
            Table(md, allocations, ["method", "compute", "N_opt", "D_opt", "L_opt"]);
        }
        string dataset = DatasetName(dir);
        Image(md, "IsoFLOP curves", Save(FitPlots.IsoFlops(points, fits, OutputTable.TryRead(dir, "parabolas.parquet"), dataset), outDir, "isoflops"), outDir);
        PredictionSections(dir, outDir, md, fits, dataset);

        OutputTable? resamples = OutputTable.TryRead(dir, "resamples.parquet"), intervals = OutputTable.TryRead(dir, "intervals.parquet");
        OutputTable? grid = OutputTable.TryRead(dir, "grid.parquet");
        int vp = Array.IndexOf(fits.Texts("method"), "vpnls");
        if (grid is not null && vp >= 0)
        {
            int[] vpRows = resamples is null ? [] : Enumerable.Range(0, resamples.Count).Where(i => resamples.Texts("method")[i] == "vpnls").ToArray();
            double[]? ca = resamples is null ? null : vpRows.Select(i => resamples.Numbers("alpha")[i]).ToArray();
            double[]? cb = resamples is null ? null : vpRows.Select(i => resamples.Numbers("beta")[i]).ToArray();
            Image(md, "VPNLS objective over (α, β)", Save(FitPlots.Heatmap(dataset, grid, fits.Numbers("alpha")[vp], fits.Numbers("beta")[vp], ca, cb), outDir, "objective_grid"), outDir);
        }
        if (resamples is null || intervals is null) return;
        md.AppendLine("## Bootstrap intervals").AppendLine();
        Table(md, intervals, ["method", "quantity", "compute", "interval_kind", "level", "estimate", "lo", "hi", "se", "resamples", "resamples_failed"]);
        if (OutputTable.TryRead(dir, "dcl.parquet") is { } dcl)
        {
            md.AppendLine("## Deadweight compute loss").AppendLine();
            Table(md, dcl, ["plan", "reference", "variant", "compute", "percent", "dollars", "lo_dollars", "hi_dollars", "level", "resamples_failed"]);
        }
        QuantityKind[] q = intervals.Texts("quantity").Select(name => QuantityNames.Parse(name, $"{intervals.Source}, column 'quantity'")).ToArray();
        string?[] m = intervals.Texts("method");
        double[] c = intervals.Numbers("compute");
        for (int i = 0; i < intervals.Count; i++)
        {
            if (q[i] is not (QuantityKind.Alpha or QuantityKind.Beta or QuantityKind.NOptExponent or QuantityKind.NOpt or QuantityKind.DOpt)) continue;
            bool allocation = q[i] is QuantityKind.NOpt or QuantityKind.DOpt;
            string column = double.IsFinite(c[i]) ? $"{q[i].Name()}_{ComputeModel.BudgetLabel(c[i])}" : q[i].Name();
            if (!resamples.Has(column)) continue;
            double[] values = Enumerable.Range(0, resamples.Count).Where(r => resamples.Texts("method")[r] == m[i]).Select(r => resamples.Numbers(column)[r])
                                        .Where(v => double.IsFinite(v) && (v > 0 || !allocation)).ToArray();
            if (values.Length < 2) continue;
            bool log = allocation && values.Max() / values.Min() > 30;   // log axis only across decades
            var plot = FitPlots.Bootstrap(dataset, m[i]!, q[i], double.IsFinite(c[i]) ? c[i] : null, values, intervals.Numbers("estimate")[i],
                                          intervals.Numbers("lo")[i], intervals.Numbers("hi")[i], intervals.Numbers("level")[i], log);
            Image(md, $"{m[i]} {column}", Save(plot, outDir, $"bootstrap_{m[i]}_{column}"), outDir);
        }
    }

    // predictions.parquet and holdout.parquet, when the fit wrote them.
    static void PredictionSections(string dir, string outDir, StringBuilder md, OutputTable fits, string dataset)
    {
        if (OutputTable.TryRead(dir, "predictions.parquet") is { } predictions)
        {
            md.AppendLine("## Predictions").AppendLine();
            Table(md, predictions, ["method", "row", "target", "N", "D", "C", "predicted", "ci_lo", "ci_hi", "pi_lo", "pi_hi", "level"]);
        }
        if (OutputTable.TryRead(dir, "holdout.parquet") is not { } holdout) return;
        md.AppendLine("## Held-out runs").AppendLine();
        Table(md, holdout, ["method", "row", "N", "budget", "observed", "predicted", "error", "pi_lo", "pi_hi", "n_opt_observed", "n_opt_predicted", "n_opt_error"]);
        Image(md, "Held-out runs against the fits without them", Save(HoldoutPlots.HeldOut(holdout, fits, dataset), outDir, "holdout"), outDir);
    }

    static void CompareReport(string dir, string outDir, StringBuilder md)
    {
        OutputTable compare = OutputTable.TryRead(dir, "compare.parquet")!, frontiers = OutputTable.TryRead(dir, "frontiers.parquet")!;
        string[] inputs = [ManifestText(dir, m => m["inputs"]?[0]?["path"]) ?? "A", ManifestText(dir, m => m["inputs"]?[1]?["path"]) ?? "B"];
        string title = $"A = {Path.GetFileNameWithoutExtension(inputs[0])} against B = {Path.GetFileNameWithoutExtension(inputs[1])}";
        md.AppendLine("# ScalingGpu comparison report").AppendLine().AppendLine($"{title}; see manifest.json for the files and options.").AppendLine();
        Table(md, compare, ["method", "compute", "L_opt_a", "L_opt_b", "share_a_lower", "crossover_compute", "crossover_lo", "crossover_hi", "a_lower_below", "level", "resamples_no_crossover"]);
        Image(md, "Frontiers of both data sets", Save(ComparePlots.Frontiers(frontiers, compare, title), outDir, "frontiers"), outDir);
    }

    static void SweepReport(string dir, string outDir, StringBuilder md, TextWriter? warnings)
    {
        SweepTable t = SweepTable.Read(dir);
        md.AppendLine("# ScalingGpu sweep report").AppendLine();
        md.AppendLine($"{t.Method.Length} records; see manifest.json for the configuration.").AppendLine();
        if (ManifestCount(dir, m => m["row_counts"]?["records"]) is { } planned && t.Method.Length < planned)
        {
            // A killed run, or shards still running: every figure below shows part of the plan.
            string notice = $"incomplete sweep: {t.Method.Length} of the {planned} records its config plans; finish it with 'scalinggpu sweep CONFIG --out {dir} --resume' (each shard with its --shard) and plot again.";
            md.AppendLine($"**Warning: {notice}**").AppendLine();
            warnings?.WriteLine($"scalinggpu: warning: {notice}");
        }
        md.AppendLine("| method | surface | records | median a error % | median D* error % | max abs D* error % |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var g in Enumerable.Range(0, t.Method.Length).GroupBy(i => (t.Method[i], t.Surface[i])).OrderBy(g => g.Key))
        {
            double[] a = g.Select(i => t.AError[i]).Where(double.IsFinite).ToArray(), d = g.Select(i => t.DError[i]).Where(double.IsFinite).ToArray();
            md.AppendLine($"| {g.Key.Item1} | {g.Key.Item2} | {g.Count()} | {F(100 * SampleStatistics.Median(a))} | {F(100 * SampleStatistics.Median(d))} | {F(100 * (d.Length == 0 ? double.NaN : d.Max(Math.Abs)))} |");
        }
        md.AppendLine();
        Image(md, "D* extrapolation error against the swept design dimension", Save(SweepPlots.ErrorVsDesign(t, SweepName(dir)), outDir, "error_vs_design"), outDir);
        if (IntervalTable.TryRead(dir) is { } intervals)
        {
            Image(md, "Coverage of the N* interval against the swept design dimension", Save(IntervalPlots.Coverage(intervals, QuantityKind.NOpt), outDir, "coverage_vs_design"), outDir);
            Image(md, "Median relative width of the N* interval against the swept design dimension", Save(IntervalPlots.Width(intervals, QuantityKind.NOpt), outDir, "width_vs_design"), outDir);
        }
    }

    // Names for figure titles, from manifest.json: the data file of a fit, the config name of a sweep.
    static string DatasetName(string dir) => ManifestText(dir, m => m["inputs"]?[0]?["path"]) is { } path ? Path.GetFileNameWithoutExtension(path) : DirName(dir);

    static string SweepName(string dir) => ManifestText(dir, m => m["config"]?["name"]) ?? DirName(dir);

    static string? ManifestText(string dir, Func<JsonNode, JsonNode?> pick) =>
        ManifestNode(dir, pick) is JsonValue v && v.TryGetValue(out string? text) ? text : null;

    static long? ManifestCount(string dir, Func<JsonNode, JsonNode?> pick) =>
        ManifestNode(dir, pick) is JsonValue v && v.TryGetValue(out long count) ? count : null;

    // Titles and notices only: an unreadable manifest (or a missing value) leaves them out rather than failing the report.
    static JsonNode? ManifestNode(string dir, Func<JsonNode, JsonNode?> pick)
    {
        string manifest = Path.Combine(dir, "manifest.json");
        try { return File.Exists(manifest) && JsonNode.Parse(File.ReadAllText(manifest)) is { } root ? pick(root) : null; }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return null; }
    }

    static string DirName(string dir) => Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'));

    static string Save(Plot plot, string outDir, string name) => PlotStyle.Save(plot, outDir, name);

    static void Image(StringBuilder md, string title, string png, string outDir) =>
        md.AppendLine($"![{title}]({Path.GetRelativePath(outDir, png)})").AppendLine();

    static void Table(StringBuilder md, OutputTable table, string[] columns)
    {
        string[] present = columns.Where(table.Has).ToArray();
        md.AppendLine("| " + string.Join(" | ", present) + " |").AppendLine("|" + string.Concat(present.Select(_ => "---|")));
        for (int r = 0; r < table.Count; r++)
            md.AppendLine("| " + string.Join(" | ", present.Select(c => Cell(table, c, r))) + " |");
        md.AppendLine();
    }

    static string Cell(OutputTable table, string column, int row)
    {
        string? text = table.Texts(column)[row];
        return text is null ? "" : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && text.Any(char.IsDigit) ? F(v) : text;
    }

    static string F(double v) => !double.IsFinite(v) ? "–" : v.ToString(Math.Abs(v) >= 1e5 || (Math.Abs(v) < 1e-3 && v != 0) ? "0.###e0" : "G5", CultureInfo.InvariantCulture);

}
