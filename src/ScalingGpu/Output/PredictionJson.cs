using System.Text.Json;
using ScalingGpu.Data;
using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Predictions;

namespace ScalingGpu.Output;

/// <summary>The <c>predictions</c> and <c>holdout</c> arrays of <c>fit --json</c>, written only when requested.</summary>
internal static class PredictionJson
{
    /// <summary>One object per surface method × --predict row.</summary>
    public static void Predictions(Utf8JsonWriter json, IReadOnlyList<Prediction> rows)
    {
        json.WriteStartArray("predictions");
        foreach (Prediction p in rows)
        {
            json.WriteStartObject();
            json.WriteString("method", p.Method.Name());
            json.WriteNumber("row", RawTable.RowNumber(p.Row));
            json.WriteString("target", p.Target.Name());
            FitJson.Number(json, "N", p.Params);
            FitJson.Number(json, "D", p.Tokens);
            FitJson.Number(json, "C", p.Compute);
            FitJson.Number(json, "predicted", p.Loss.Loss);
            Intervals(json, p.Loss);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>One object per method: error statistics over the held-out runs and N* errors per held-out budget.</summary>
    public static void Holdout(Utf8JsonWriter json, HoldoutReport report)
    {
        json.WriteStartArray("holdout");
        foreach (HoldoutSummary s in report.Methods)
        {
            json.WriteStartObject();
            json.WriteString("method", s.Method.Name());
            FitJson.Number(json, "holdout_above", report.Above);
            json.WriteNumber("count", s.Count);
            FitJson.Number(json, "rmse", s.Rmse);
            FitJson.Number(json, "mean_error", s.MeanError);
            FitJson.Number(json, "max_abs_error", s.MaxAbsError);
            FitJson.Number(json, "share_inside_pi", s.ShareInsidePi);
            FitJson.Number(json, "level", report.Level);
            json.WriteStartArray("n_opt_errors");
            foreach (NOptError e in s.NOptErrors)
            {
                json.WriteStartObject();
                FitJson.Number(json, "compute", e.Compute);
                FitJson.Number(json, "n_opt_observed", e.Observed);
                FitJson.Number(json, "n_opt_predicted", e.Predicted);
                FitJson.Number(json, "n_opt_error", e.RelativeError);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    static void Intervals(Utf8JsonWriter json, PredictedLoss loss)
    {
        FitJson.Number(json, "ci_lo", loss.CiLo);
        FitJson.Number(json, "ci_hi", loss.CiHi);
        FitJson.Number(json, "pi_lo", loss.PiLo);
        FitJson.Number(json, "pi_hi", loss.PiHi);
        FitJson.Number(json, "residual_scale", loss.ResidualScale);
        json.WriteString("interval_kind", loss.Kind?.Name());
        FitJson.Number(json, "level", loss.Level);
        json.WriteNumber("resamples", loss.Resamples);
        json.WriteNumber("resamples_failed", loss.ResamplesFailed);
    }
}
