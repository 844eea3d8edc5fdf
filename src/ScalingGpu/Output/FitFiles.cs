using ScalingGpu.Predictions;
using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Output;

/// <summary>
/// The files of <c>fit --out DIR</c> (DESIGN.md §4): fits.parquet, allocations.parquet, points.parquet, grid.parquet and
/// manifest.json, each written atomically. Column names follow the JSON keys.
/// </summary>
internal static class FitFiles
{
    /// <summary>Every file a fit may write.</summary>
    public static readonly string[] FileNames =
    [
        "fits.parquet", "allocations.parquet", "points.parquet", "grid.parquet", "parabolas.parquet", "resamples.parquet",
        "intervals.parquet", "dcl.parquet", "predictions.parquet", "holdout.parquet", "manifest.json",
    ];

    /// <summary>
    /// Writes every output file of a fit into <paramref name="directory"/>; returns their names. Files an earlier fit
    /// wrote there (as its manifest lists) that this one does not are removed, and so are its report.md and the figures
    /// that report shows (a new one comes from --plot), so the folder describes one fit.
    /// </summary>
    /// <exception cref="InputDataException">A file cannot be written (the message names it).</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, FitReport report, Manifest manifest, PredictionResults? extras = null)
    {
        Directory.CreateDirectory(directory);
        string manifestPath = Path.Combine(directory, "manifest.json");
        var tables = new Dictionary<string, ParquetTable>
        {
            ["fits.parquet"] = Fits(report),
            ["allocations.parquet"] = Allocations(report.Allocations),
            ["points.parquet"] = Points(report.Request.Runs, extras?.Holdout?.HeldOut),
        };
        if (report.Heatmap is { } grid) tables["grid.parquet"] = Grid(grid);
        if (report.Approach2 is { Budgets.Count: > 0 } a2) tables["parabolas.parquet"] = Parabolas(a2);
        if (report.Bootstrap is { } bootstrap)
        {
            tables["resamples.parquet"] = BootstrapTables.Resamples(bootstrap, report.Request.Targets);
            tables["intervals.parquet"] = BootstrapTables.Intervals(bootstrap.Intervals);
        }
        if (report.Dcl.Count > 0) tables["dcl.parquet"] = BootstrapTables.Dcl(report.Dcl);
        if (extras?.Predictions is { } predictions) tables["predictions.parquet"] = PredictionTables.Predictions(predictions);
        if (extras?.Holdout is { } holdout) tables["holdout.parquet"] = PredictionTables.Holdout(holdout);
        try
        {
            foreach (var (name, table) in tables)
                await table.WriteAsync(Path.Combine(directory, name), ParquetStamp.Of(manifest));
            OutputFolder.ClearEarlier(directory, [.. tables.Keys, "manifest.json"]);
            await AtomicFile.WriteTextAsync(manifestPath, manifest.ToJson(tables.ToDictionary(t => t.Key, t => (long)t.Value.RowCount)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException($"--out {directory}: cannot write the results ({e.Message}); free that path or choose another --out.");
        }
        var written = tables.Keys.ToList();
        written.Add("manifest.json");
        return written;
    }

    static ParquetTable Fits(FitReport report)
    {
        List<FitRow> rows = FitRow.All(report);
        return FitRow.Columns(new ParquetTable("one row per fitting method: the fitted surface and allocation power laws"), rows);
    }

    static ParquetTable Allocations(IReadOnlyList<Allocation> allocations) => new ParquetTable("one row per method × target budget: the compute-optimal allocation")
        .Add("method", allocations.Select(a => (string?)a.Method.Name()))
        .Add("compute", allocations.Select(a => a.Compute))
        .Add("N_opt", allocations.Select(a => a.OptimalParams))
        .Add("D_opt", allocations.Select(a => a.OptimalTokens))
        .Add("L_opt", allocations.Select(a => a.OptimalLoss));

    // The rows fitted, then those --holdout-above kept out of the fit, then those --drop-top-loss removed (each flagged),
    // each with its place in the file.
    static ParquetTable Points(RunTable runs, RunTable? heldOut)
    {
        static IEnumerable<PointRow> Of(RunTable t, bool held) =>
            t.Rows.Select((row, i) => new PointRow(row, t.Params[i], t.Tokens[i], t.Compute[i], t.Loss[i], t.Budget[i], false, held));
        var rows = Of(runs, false).Concat(heldOut is null ? [] : Of(heldOut, true))
            .Concat(runs.Dropped.Select(d => new PointRow(d.Row, d.Params, d.Tokens, d.Compute, d.Loss, d.Budget, true, false)))
            .ToList();
        return new ParquetTable("one row per input row: the run as read (or derived), its budget label, and whether it was held out of the fit or dropped")
            .Add("row", rows.Select(r => (long)RawTable.RowNumber(r.Row)))
            .Add("N", rows.Select(r => r.N)).Add("D", rows.Select(r => r.D)).Add("C", rows.Select(r => r.C))
            .Add("loss", rows.Select(r => r.Loss)).Add("budget", rows.Select(r => r.Budget))
            .Add("dropped", rows.Select(r => r.Dropped))
            .Add("held_out", rows.Select(r => r.HeldOut));
    }

    readonly record struct PointRow(string Row, double N, double D, double C, double Loss, double Budget, bool Dropped, bool HeldOut);

    // Approach 2's per-budget parabolas, so figures draw what was fitted instead of refitting.
    static ParquetTable Parabolas(Approach2Fit fit) => new ParquetTable("one row per IsoFLOP budget: Approach 2's parabola in log10 N and its minimum")
        .Add("budget", fit.Budgets.Select(p => p.Budget))
        .Add("budget_points", fit.Budgets.Select(p => (long)p.Points))
        .Add("coef_quadratic", fit.Budgets.Select(p => p.P)).Add("coef_linear", fit.Budgets.Select(p => p.Q)).Add("coef_constant", fit.Budgets.Select(p => p.R))
        .Add("vertex_params", fit.Budgets.Select(p => p.OptimalParams))
        .Add("vertex_loss", fit.Budgets.Select(p => p.P * Math.Pow(Math.Log10(p.OptimalParams), 2) + p.Q * Math.Log10(p.OptimalParams) + p.R))
        .Add("dropped_reason", fit.Budgets.Select(p => p.Dropped));

    static ParquetTable Grid(ObjectiveGrid grid)
    {
        int nb = grid.Betas.Length;
        return new ParquetTable("one row per cell of a coarse (alpha, beta) grid: the VPNLS objective, for a heatmap")
            .Add("alpha", grid.Objective.Select((_, k) => grid.Alphas[k / nb]))
            .Add("beta", grid.Objective.Select((_, k) => grid.Betas[k % nb]))
            .Add("objective", grid.Objective);
    }
}
