using ScalingGpu.Fitting;
using ScalingGpu.Bootstrap;
using ScalingGpu.Output;

namespace ScalingGpu.Sweeps;

/// <summary>The columns of sweep parts (DESIGN.md §4). The method label is the Hive partition (directory), not a column.</summary>
internal static class SweepTables
{
    /// <summary>A records part with one row per record.</summary>
    public static ParquetTable Records(IReadOnlyList<SweepRecord> r) =>
        Design(new ParquetTable("one row per fit of one simulated replicate by one method at one extrapolation budget"), r,
               x => new(x.Job, x.Surface, x.WidthFactor, x.Offset, x.DriftTo, x.Noise, x.PointsPerBudget, x.Budgets, x.Replicate))
        .Add("status", r.Select(x => (string?)x.Status.Name()))
        .Add("E", r.Select(x => x.E)).Add("A", r.Select(x => x.A)).Add("B", r.Select(x => x.B))
        .Add("alpha", r.Select(x => x.Alpha)).Add("beta", r.Select(x => x.Beta))
        .Add("n_opt_exponent", r.Select(x => x.SmallA)).Add("d_opt_exponent", r.Select(x => x.SmallB))
        .Add("n_opt_intercept", r.Select(x => x.A0)).Add("d_opt_intercept", r.Select(x => x.B0))
        .Add("n_opt_exponent_rel_err", r.Select(x => x.ARelErr)).Add("d_opt_exponent_rel_err", r.Select(x => x.BRelErr))
        .Add("n_opt_intercept_err", r.Select(x => x.A0Err)).Add("d_opt_intercept_err", r.Select(x => x.B0Err))
        .Add("extrapolation_compute", r.Select(x => x.ExtrapolationCompute))
        .Add("n_opt_rel_err", r.Select(x => x.NOptRelErr))
        .Add("d_opt_rel_err", r.Select(x => x.DOptRelErr))
        .Add("dcl_percent", r.Select(x => x.DclPercent))
        .Add("seconds", r.Select(x => x.Seconds));

    /// <summary>An intervals part with one row per (replicate, quantity, budget, interval kind, level).</summary>
    public static ParquetTable Intervals(IReadOnlyList<IntervalRecord> r) =>
        Design(new ParquetTable("one row per bootstrap interval of one quantity of one simulated replicate's fit by one method"), r,
               x => new(x.Job.Index, x.Job.Surface.Name, x.Job.Design.Width, x.Job.Design.Offset, x.Job.Design.DriftTo, x.Job.Noise,
                        x.Job.Design.PointsPerBudget, x.Job.Design.Budgets.Length, x.Replicate))
        .Add("quantity", r.Select(x => (string?)x.Quantity.Name()))
        .Add("compute", r.Select(x => x.Compute))
        .Add("interval_kind", r.Select(x => (string?)x.Kind.Name()))
        .Add("level", r.Select(x => x.Level))
        .Add("truth", r.Select(x => x.Truth))
        .Add("estimate", r.Select(x => x.Estimate))
        .Add("lo", r.Select(x => x.Lo)).Add("hi", r.Select(x => x.Hi))
        .Add("covered", r.Select(x => x.Covered))
        .Add("width", r.Select(x => x.Width)).Add("rel_width", r.Select(x => x.RelWidth))
        .Add("se", r.Select(x => x.Se))
        .Add("resamples", r.Select(x => (long)x.Resamples)).Add("resamples_failed", r.Select(x => (long)x.ResamplesFailed));

    /// <summary>The design columns every sweep table starts with.</summary>
    readonly record struct DesignColumns(int Job, string Surface, double Width, double Offset, double DriftTo, double Noise, int Points, int Budgets, int Replicate);

    static ParquetTable Design<T>(ParquetTable table, IReadOnlyList<T> rows, Func<T, DesignColumns> design)
    {
        DesignColumns[] d = rows.Select(design).ToArray();
        return table
            .Add("job", d.Select(x => (long)x.Job))
            .Add("surface", d.Select(x => (string?)x.Surface))
            .Add("width_factor", d.Select(x => x.Width))
            .Add("centre_offset", d.Select(x => x.Offset))
            .Add("drift_to", d.Select(x => x.DriftTo))
            .Add("noise", d.Select(x => x.Noise))
            .Add("points_per_budget", d.Select(x => (long)x.Points))
            .Add("n_budgets", d.Select(x => (long)x.Budgets))
            .Add("replicate", d.Select(x => (long)x.Replicate));
    }
}
