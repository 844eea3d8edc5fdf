using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Output;

/// <summary>
/// One method's fit flattened to the fits.parquet columns. For surface fits the power-law intercepts are derived as
/// a0 = log10 G − a·log10 6 and b0 = −log10 G − b·log10 6 (DESIGN.md §1), so every method can be compared on
/// (a, a0, b, b0), written as n_opt_exponent, n_opt_intercept, d_opt_exponent, d_opt_intercept.
/// </summary>
internal sealed record FitRow(string Method, double E, double A, double B, double Alpha, double Beta, double SmallA, double A0,
                              double SmallB, double B0, double G, double Objective, double Rss, long BudgetsUsed, long BudgetsFailed,
                              string Status, string? Reason)
{
    public static FitRow Of(SurfaceFit fit)
    {
        LossSurface s = fit.Surface;
        var (a, a0, b, b0) = s.PowerLaws();
        return new(fit.Method.Name(), s.E, s.A, s.B, s.Alpha, s.Beta, a, a0, b, b0, s.G, fit.Objective, fit.Rss, 0, 0, fit.Status.Name(), fit.Reason);
    }

    /// <summary>The rows of fits.parquet and the JSON's fits, in their order: VPNLS, Approach 2, Approach 3.</summary>
    public static List<FitRow> All(Bootstrap.FitReport report)
    {
        var rows = new List<FitRow>();
        rows.AddRange(report.Surfaces.Where(s => s.Method == FitMethod.Vpnls).Select(Of));
        if (report.Approach2 is { } a2) rows.Add(Of(a2));
        rows.AddRange(report.Surfaces.Where(s => s.Method == FitMethod.Approach3).Select(Of));
        return rows;
    }

    public static FitRow Of(Approach2Fit fit) =>
        new(FitMethod.Approach2.Name(), double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, fit.A, fit.A0, fit.B, fit.B0,
            double.NaN, double.NaN, double.NaN, fit.BudgetsUsed, fit.BudgetsFailed, fit.Status.Name(), fit.Reason);

    /// <summary>Appends the fits.parquet columns for <paramref name="rows"/> to <paramref name="table"/>.</summary>
    public static ParquetTable Columns(ParquetTable table, IReadOnlyList<FitRow> rows) => table
        .Add("method", rows.Select(r => (string?)r.Method))
        .Add("E", rows.Select(r => r.E)).Add("A", rows.Select(r => r.A)).Add("B", rows.Select(r => r.B))
        .Add("alpha", rows.Select(r => r.Alpha)).Add("beta", rows.Select(r => r.Beta))
        .Add("n_opt_exponent", rows.Select(r => r.SmallA)).Add("n_opt_intercept", rows.Select(r => r.A0))
        .Add("d_opt_exponent", rows.Select(r => r.SmallB)).Add("d_opt_intercept", rows.Select(r => r.B0))
        .Add("G", rows.Select(r => r.G))
        .Add("objective", rows.Select(r => r.Objective)).Add("rss", rows.Select(r => r.Rss))
        .Add("budgets_used", rows.Select(r => r.BudgetsUsed)).Add("budgets_failed", rows.Select(r => r.BudgetsFailed))
        .Add("status", rows.Select(r => (string?)r.Status)).Add("reason", rows.Select(r => r.Reason));
}
