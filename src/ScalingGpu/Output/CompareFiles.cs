using System.Text;
using System.Text.Json;
using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Predictions;

namespace ScalingGpu.Output;

/// <summary>The outputs of <c>compare A B</c>: compare.parquet, frontiers.parquet, manifest.json, and the <c>--json</c> object.</summary>
internal static class CompareFiles
{
    /// <summary>Every file a comparison writes.</summary>
    public static readonly string[] FileNames = ["compare.parquet", "frontiers.parquet", "manifest.json"];

    /// <summary>
    /// Writes compare.parquet, frontiers.parquet and manifest.json into <paramref name="directory"/>; returns their names.
    /// An earlier fit's or comparison's files there are removed (<see cref="OutputFolder.ClearEarlier"/>).
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, Comparison comparison, Manifest manifest)
    {
        Directory.CreateDirectory(directory);
        var tables = new Dictionary<string, ParquetTable>
        {
            ["compare.parquet"] = Targets(comparison),
            ["frontiers.parquet"] = Frontiers(comparison),
        };
        try
        {
            foreach (var (name, table) in tables)
                await table.WriteAsync(Path.Combine(directory, name), ParquetStamp.Of(manifest));
            OutputFolder.ClearEarlier(directory, FileNames);
            await AtomicFile.WriteTextAsync(Path.Combine(directory, "manifest.json"), manifest.ToJson(tables.ToDictionary(t => t.Key, t => (long)t.Value.RowCount)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Data.InputDataException($"--out {directory}: cannot write the results ({e.Message}); free that path or choose another --out.");
        }
        return [.. tables.Keys, "manifest.json"];
    }

    // One row per method × target budget, with the method's crossover repeated so each row stands alone in SQL.
    static ParquetTable Targets(Comparison c)
    {
        var rows = c.Targets.Select(t => (Target: t, Cross: c.Crossovers.First(x => x.Method == t.Method))).ToList();
        return new ParquetTable("one row per surface method × target budget: both frontiers, the share of resamples where A is lower, and where the frontiers cross")
            .Add("method", rows.Select(r => (string?)r.Target.Method.Name()))
            .Add("compute", rows.Select(r => r.Target.Compute))
            .Add("L_opt_a", rows.Select(r => r.Target.LossA))
            .Add("L_opt_b", rows.Select(r => r.Target.LossB))
            .Add("share_a_lower", rows.Select(r => r.Target.ShareALower))
            .Add("share_resamples", rows.Select(r => (long)r.Target.Resamples))
            .Add("crossover_compute", rows.Select(r => r.Cross.Compute))
            .Add("crossover_lo", rows.Select(r => r.Cross.Lo))
            .Add("crossover_hi", rows.Select(r => r.Cross.Hi))
            .Add("a_lower_below", rows.Select(r => r.Cross.ALowerBelow))
            .Add("search_lo", rows.Select(_ => c.SearchLo))
            .Add("search_hi", rows.Select(_ => c.SearchHi))
            .Add("interval_kind", rows.Select(r => r.Cross.Kind?.Name()))
            .Add("level", rows.Select(r => r.Cross.Level))
            .Add("resamples", rows.Select(r => (long)r.Cross.Resamples))
            .Add("resamples_no_crossover", rows.Select(r => (long)r.Cross.ResamplesNoCrossover))
            .Add("resamples_failed", rows.Select(r => (long)r.Cross.ResamplesFailed));
    }

    static ParquetTable Frontiers(Comparison c)
    {
        IReadOnlyList<FrontierPoint> points = c.Frontiers;
        double level = c.A.Request.Bootstrap?.Level ?? double.NaN;
        return new ParquetTable("one row per data set × surface method × budget: the frontier L*(C) with its bootstrap confidence band (lo, hi at level)")
            .Add("data_set", points.Select(p => (string?)p.DataSet))
            .Add("method", points.Select(p => (string?)p.Method.Name()))
            .Add("compute", points.Select(p => p.Compute))
            .Add("L_opt", points.Select(p => p.Loss))
            .Add("lo", points.Select(p => p.Lo))
            .Add("hi", points.Select(p => p.Hi))
            .Add("interval_kind", points.Select(_ => c.A.Request.Bootstrap?.Interval.Name()))
            .Add("level", points.Select(_ => level));
    }

    /// <summary>The <c>compare --json</c> object: both fits, the crossovers and the per-target comparison.</summary>
    public static string Json(string pathA, string pathB, Comparison c)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("data_a", pathA);
            json.WriteString("data_b", pathB);
            json.WriteNumber("n_points_a", c.A.PointCount);
            json.WriteNumber("n_points_b", c.B.PointCount);
            foreach (var (key, report) in new[] { ("fits_a", c.A), ("fits_b", c.B) })
            {
                json.WriteStartArray(key);
                foreach (SurfaceFit fit in report.Surfaces) FitJson.WriteFit(json, FitRow.Of(fit));
                json.WriteEndArray();
            }
            FitJson.Number(json, "search_lo", c.SearchLo);
            FitJson.Number(json, "search_hi", c.SearchHi);
            json.WriteStartArray("crossovers");
            foreach (Crossover x in c.Crossovers)
            {
                json.WriteStartObject();
                json.WriteString("method", x.Method.Name());
                FitJson.Number(json, "crossover_compute", x.Compute);
                if (x.ALowerBelow is bool lower) json.WriteBoolean("a_lower_below", lower); else json.WriteNull("a_lower_below");
                FitJson.Number(json, "crossover_lo", x.Lo);
                FitJson.Number(json, "crossover_hi", x.Hi);
                json.WriteString("interval_kind", x.Kind?.Name());
                FitJson.Number(json, "level", x.Level);
                json.WriteNumber("resamples", x.Resamples);
                json.WriteNumber("resamples_no_crossover", x.ResamplesNoCrossover);
                json.WriteNumber("resamples_failed", x.ResamplesFailed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("targets");
            foreach (FrontierTarget t in c.Targets)
            {
                json.WriteStartObject();
                json.WriteString("method", t.Method.Name());
                FitJson.Number(json, "compute", t.Compute);
                FitJson.Number(json, "L_opt_a", t.LossA);
                FitJson.Number(json, "L_opt_b", t.LossB);
                FitJson.Number(json, "share_a_lower", t.ShareALower);
                json.WriteNumber("share_resamples", t.Resamples);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("device", c.A.Device);
            FitJson.Number(json, "seconds", c.A.Seconds + c.B.Seconds);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
