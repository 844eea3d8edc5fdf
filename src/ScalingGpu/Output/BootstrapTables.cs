using System.Globalization;
using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Output;

/// <summary>resamples.parquet, intervals.parquet and dcl.parquet (DESIGN.md §4).</summary>
internal static class BootstrapTables
{
    /// <summary>
    /// One row per method × resample: the fits.parquet columns, the resample index, and per target budget C the columns
    /// N_opt_C, D_opt_C, L_opt_C, D_over_N_C with C written like 3p8e25 (for 3.8e25) so SQL needs no quoting.
    /// </summary>
    public static ParquetTable Resamples(BootstrapReport report, IReadOnlyList<double> targets)
    {
        var rows = new List<FitRow>();
        var index = new List<long>();
        var allocation = new Dictionary<string, List<double>>();
        foreach (MethodFits fits in report.Fits)
            for (int i = 0; i < fits.Count; i++)
            {
                rows.Add(fits.Surfaces is not null ? FitRow.Of(fits.Surfaces[i]) : FitRow.Of(fits.Approach2![i]));
                index.Add(i);
                foreach (double c in targets)
                    foreach (QuantityKind kind in QuantityNames.Allocations)
                    {
                        string column = $"{kind.Name()}_{ComputeModel.BudgetLabel(c)}";
                        if (!allocation.TryGetValue(column, out var values)) allocation[column] = values = [];
                        values.Add(kind == QuantityKind.LOpt && fits.Method == FitMethod.Approach2 ? double.NaN : fits.Value(new Quantity(kind, c), i));
                    }
            }
        var table = new ParquetTable("one row per method × bootstrap resample: that resample's fit and its allocations at each target budget").Add("resample", index);
        FitRow.Columns(table, rows);
        foreach (var (column, values) in allocation) table.Add(column, values);
        return table;
    }

    public static ParquetTable Intervals(IReadOnlyList<IntervalEstimate> intervals) => new ParquetTable("one row per method × quantity (× target budget): the bootstrap confidence interval")
        .Add("method", intervals.Select(i => (string?)i.Method.Name()))
        .Add("quantity", intervals.Select(i => (string?)i.Quantity.Name))
        .Add("compute", intervals.Select(i => i.Quantity.Compute ?? double.NaN))
        .Add("interval_kind", intervals.Select(i => (string?)i.Kind.Name()))
        .Add("level", intervals.Select(i => i.Level))
        .Add("estimate", intervals.Select(i => i.Estimate))
        .Add("lo", intervals.Select(i => i.Lo))
        .Add("hi", intervals.Select(i => i.Hi))
        .Add("se", intervals.Select(i => i.Se))
        .Add("resamples", intervals.Select(i => (long)i.Resamples))
        .Add("resamples_failed", intervals.Select(i => (long)i.ResamplesFailed));

    public static ParquetTable Dcl(IReadOnlyList<DclEstimate> rows) => new ParquetTable("one row per DCL variant × target budget: the deadweight compute of the plan priced on the reference surface")
        .Add("plan", rows.Select(d => (string?)d.Plan.Name()))
        .Add("reference", rows.Select(d => (string?)d.Reference.Name()))
        .Add("variant", rows.Select(d => (string?)d.Variant.Name()))
        .Add("compute", rows.Select(d => d.Compute))
        .Add("flops", rows.Select(d => d.Flops))
        .Add("percent", rows.Select(d => d.Percent))
        .Add("dollars", rows.Select(d => d.Dollars))
        .Add("lo_percent", rows.Select(d => d.LoPercent))
        .Add("hi_percent", rows.Select(d => d.HiPercent))
        .Add("lo_dollars", rows.Select(d => d.LoDollars))
        .Add("hi_dollars", rows.Select(d => d.HiDollars))
        .Add("level", rows.Select(d => d.Level))
        .Add("resamples", rows.Select(d => (long)d.Resamples))
        .Add("resamples_failed", rows.Select(d => (long)d.ResamplesFailed));
}
