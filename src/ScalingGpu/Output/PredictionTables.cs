using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Predictions;

namespace ScalingGpu.Output;

/// <summary>predictions.parquet and holdout.parquet (DESIGN.md §4, predictions and backtests).</summary>
internal static class PredictionTables
{
    /// <summary>One row per surface method × --predict row.</summary>
    public static ParquetTable Predictions(IReadOnlyList<Prediction> rows) =>
        Intervals(new ParquetTable("one row per surface method × --predict row: the predicted loss with its confidence and prediction intervals")
            .Add("method", rows.Select(p => (string?)p.Method.Name()))
            .Add("row", rows.Select(p => (long)RawTable.RowNumber(p.Row)))
            .Add("target", rows.Select(p => (string?)p.Target.Name()))
            .Add("N", rows.Select(p => p.Params))
            .Add("D", rows.Select(p => p.Tokens))
            .Add("C", rows.Select(p => p.Compute))
            .Add("predicted", rows.Select(p => p.Loss.Loss)), rows.Select(p => p.Loss).ToList());

    /// <summary>One row per held-out run × method (Approach 2 rows carry only the N* comparison).</summary>
    public static ParquetTable Holdout(HoldoutReport report)
    {
        IReadOnlyList<HeldOutRun> rows = report.Runs;
        var table = new ParquetTable("one row per held-out run × method: observed and predicted loss, the error, its intervals, and N* against the budget's own parabola")
            .Add("method", rows.Select(r => (string?)r.Method.Name()))
            .Add("row", rows.Select(r => (long)RawTable.RowNumber(r.Row)))
            .Add("N", rows.Select(r => r.Params))
            .Add("D", rows.Select(r => r.Tokens))
            .Add("budget", rows.Select(r => r.Budget))
            .Add("observed", rows.Select(r => r.Observed))
            .Add("predicted", rows.Select(r => r.Predicted.Loss))
            .Add("error", rows.Select(r => r.Error))
            .Add("n_opt_observed", rows.Select(r => r.NOptObserved))
            .Add("n_opt_predicted", rows.Select(r => r.NOptPredicted))
            .Add("n_opt_error", rows.Select(r => r.NOptPredicted / r.NOptObserved - 1));
        return Intervals(table, rows.Select(r => r.Predicted).ToList());
    }

    // The interval columns both files share; level and construction are null without a bootstrap.
    static ParquetTable Intervals(ParquetTable table, IReadOnlyList<PredictedLoss> loss) => table
        .Add("ci_lo", loss.Select(l => l.CiLo))
        .Add("ci_hi", loss.Select(l => l.CiHi))
        .Add("pi_lo", loss.Select(l => l.PiLo))
        .Add("pi_hi", loss.Select(l => l.PiHi))
        .Add("residual_scale", loss.Select(l => l.ResidualScale))
        .Add("interval_kind", loss.Select(l => l.Kind?.Name()))
        .Add("level", loss.Select(l => l.Level))
        .Add("resamples", loss.Select(l => (long)l.Resamples))
        .Add("resamples_failed", loss.Select(l => (long)l.ResamplesFailed));
}
