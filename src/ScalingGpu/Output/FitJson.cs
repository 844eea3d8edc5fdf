using ScalingGpu.Predictions;
using System.Text;
using System.Text.Json;
using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Output;

/// <summary>The <c>fit --json</c> object of DESIGN.md §4: undefined numbers are null, never NaN; statuses snake_case.</summary>
internal static class FitJson
{
    /// <summary>Serialises the report (one JSON object).</summary>
    public static string Write(FitReport report, PredictionResults? extras = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("n_points", report.PointCount);
            json.WriteStartArray("dropped_rows");
            foreach (DroppedRun row in report.Request.Runs.Dropped) json.WriteNumberValue(row.Number);
            json.WriteEndArray();

            json.WriteStartArray("fits");
            foreach (FitRow row in FitRow.All(report)) WriteFit(json, row);
            json.WriteEndArray();

            json.WriteStartArray("allocations");
            foreach (Allocation a in report.Allocations)
            {
                json.WriteStartObject();
                json.WriteString("method", a.Method.Name());
                Number(json, "compute", a.Compute);
                Number(json, "N_opt", a.OptimalParams);
                Number(json, "D_opt", a.OptimalTokens);
                Number(json, "L_opt", a.OptimalLoss);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("intervals");
            foreach (IntervalEstimate i in report.Bootstrap?.Intervals ?? []) WriteInterval(json, i);
            json.WriteEndArray();
            json.WriteStartArray("dcl");
            foreach (DclEstimate d in report.Dcl) WriteDcl(json, d);
            json.WriteEndArray();
            if (extras?.Predictions is { } predictions) PredictionJson.Predictions(json, predictions);
            if (extras?.Holdout is { } holdout) PredictionJson.Holdout(json, holdout);
            json.WriteString("device", report.Device);
            Number(json, "seconds", report.Seconds);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One fit as an object with the keys and values of its fits.parquet row (null where the column is null).</summary>
    internal static void WriteFit(Utf8JsonWriter json, FitRow r)
    {
        json.WriteStartObject();
        json.WriteString("method", r.Method);
        foreach (var (key, value) in new[] { ("E", r.E), ("A", r.A), ("B", r.B), ("alpha", r.Alpha), ("beta", r.Beta), ("n_opt_exponent", r.SmallA),
                                             ("n_opt_intercept", r.A0), ("d_opt_exponent", r.SmallB), ("d_opt_intercept", r.B0), ("G", r.G),
                                             ("objective", r.Objective), ("rss", r.Rss) })
            Number(json, key, value);
        json.WriteNumber("budgets_used", r.BudgetsUsed);
        json.WriteNumber("budgets_failed", r.BudgetsFailed);
        json.WriteString("status", r.Status);
        json.WriteString("reason", r.Reason);
        json.WriteEndObject();
    }

    static void WriteInterval(Utf8JsonWriter json, IntervalEstimate i)
    {
        json.WriteStartObject();
        json.WriteString("method", i.Method.Name());
        json.WriteString("quantity", i.Quantity.Name);
        Number(json, "compute", i.Quantity.Compute ?? double.NaN);
        json.WriteString("interval_kind", i.Kind.Name());
        Number(json, "level", i.Level);
        Number(json, "estimate", i.Estimate);
        Number(json, "lo", i.Lo);
        Number(json, "hi", i.Hi);
        Number(json, "se", i.Se);
        json.WriteNumber("resamples", i.Resamples);
        json.WriteNumber("resamples_failed", i.ResamplesFailed);
        json.WriteEndObject();
    }

    static void WriteDcl(Utf8JsonWriter json, DclEstimate d)
    {
        json.WriteStartObject();
        json.WriteString("plan", d.Plan.Name());
        json.WriteString("reference", d.Reference.Name());
        json.WriteString("variant", d.Variant.Name());
        Number(json, "compute", d.Compute);
        Number(json, "flops", d.Flops);
        Number(json, "percent", d.Percent);
        Number(json, "dollars", d.Dollars);
        Number(json, "lo_percent", d.LoPercent);
        Number(json, "hi_percent", d.HiPercent);
        Number(json, "lo_dollars", d.LoDollars);
        Number(json, "hi_dollars", d.HiDollars);
        Number(json, "level", d.Level);
        json.WriteNumber("resamples_failed", d.ResamplesFailed);
        json.WriteEndObject();
    }

    internal static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
