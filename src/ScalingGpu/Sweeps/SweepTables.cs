using ScalingGpu.Output;

namespace ScalingGpu.Sweeps;

/// <summary>The columns of a sweep records part (DESIGN.md §4). The method label is the Hive partition (directory), not a column.</summary>
public static class SweepTables
{
    /// <summary>A part with one row per record.</summary>
    public static ParquetTable Records(IReadOnlyList<SweepRecord> r) => new ParquetTable("one row per fit of one simulated replicate by one method at one extrapolation budget")
        .Add("job", r.Select(x => (long)x.Job))
        .Add("surface", r.Select(x => (string?)x.Surface))
        .Add("width_factor", r.Select(x => x.WidthFactor))
        .Add("centre_offset", r.Select(x => x.Offset))
        .Add("drift_to", r.Select(x => x.DriftTo))
        .Add("noise", r.Select(x => x.Noise))
        .Add("points_per_budget", r.Select(x => (long)x.PointsPerBudget))
        .Add("n_budgets", r.Select(x => (long)x.Budgets))
        .Add("replicate", r.Select(x => (long)x.Replicate))
        .Add("status", r.Select(x => (string?)x.Status))
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
}
