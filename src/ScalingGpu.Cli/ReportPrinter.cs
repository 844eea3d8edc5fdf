using ScalingGpu.Predictions;
using System.Globalization;
using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Cli;

/// <summary>The human-readable fit report: surfaces, the Approach 2 law, and allocations.</summary>
internal static class ReportPrinter
{
    public static void Print(FitReport report, TextWriter output, PredictionResults? extras = null)
    {
        RunTable runs = report.Request.Runs;
        output.WriteLine($"{runs.Source}: {runs.Count} runs, {runs.DistinctBudgets().Length} budgets" +
                         (runs.Dropped.Count > 0 ? $"; dropped {string.Join(", ", runs.Dropped.Select(d => d.Row))} (highest loss)" : ""));
        if (report.Surfaces.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Loss surface L(N, D) = E + A/N^alpha + B/D^beta");
            output.WriteLine($"  {"method",-10} {"E",10} {"A",12} {"B",12} {"alpha",9} {"beta",9} {"n_opt_exponent",14} {"d_opt_exponent",14} {"objective",12} {"status",-10}");
            foreach (SurfaceFit fit in report.Surfaces)
            {
                LossSurface s = fit.Surface;
                output.WriteLine($"  {fit.Method.Name(),-10} {N(s.E, "F6"),10} {N(s.A, "G6"),12} {N(s.B, "G6"),12} {N(s.Alpha, "F6"),9} {N(s.Beta, "F6"),9} " +
                                 $"{N(s.ParamsExponent, "F4"),14} {N(s.TokensExponent, "F4"),14} {N(fit.Objective, "G6"),12} {fit.Status.Name(),-10}" +
                                 (fit.Reason is null ? "" : $" {fit.Reason}"));
            }
        }
        if (report.Approach2 is { } a2)
        {
            output.WriteLine();
            if (a2.Status == FitStatus.Failed)
                output.WriteLine($"Approach 2 (IsoFLOP parabolas): failed: {a2.Reason}");
            else
                output.WriteLine($"Approach 2 (IsoFLOP parabolas, {a2.BudgetsUsed} budgets used, {a2.BudgetsFailed} dropped): " +
                                 $"N* = {N(Math.Pow(10, a2.A0), "G4")} * C^{N(a2.A, "F4")}, D* = {N(Math.Pow(10, a2.B0), "G4")} * C^{N(a2.B, "F4")}");
        }
        if (report.Allocations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Compute-optimal allocation (C = 6ND)");
            output.WriteLine($"  {"method",-10} {"C (FLOPs)",10} {"N*",11} {"D*",11} {"D*/N*",8} {"L*",9}");
            foreach (Allocation a in report.Allocations)
                output.WriteLine($"  {a.Method.Name(),-10} {N(a.Compute, "G3"),10} {N(a.OptimalParams, "G4"),11} {N(a.OptimalTokens, "G4"),11} " +
                                 $"{N(a.OptimalTokens / a.OptimalParams, "F1"),8} {N(a.OptimalLoss, "F4"),9}");
        }
        if (report.Bootstrap is { } b) PrintIntervals(b, output);
        if (report.Dcl.Count > 0) PrintDcl(report.Dcl, output);
        if (extras?.Predictions is { } predictions) PredictionPrinter.Predictions(predictions, output);
        if (extras?.Holdout is { } holdout) PredictionPrinter.Holdout(holdout, output);
        output.WriteLine();
        output.WriteLine($"device {report.Device}, {report.Seconds:F2} s");
    }

    static void PrintIntervals(BootstrapReport b, TextWriter output)
    {
        IntervalEstimate first = b.Intervals[0];
        output.WriteLine();
        output.WriteLine($"Bootstrap: {b.Resamples} resamples ({b.Unit.Name()}, seed {b.Seed}), {first.Level * 100:G4}% {first.Kind.Name()} intervals");
        output.WriteLine($"  {"method",-10} {"quantity",-9} {"C (FLOPs)",10} {"estimate",11} {"lo",11} {"hi",11} {"se",10} {"failed",7}");
        foreach (IntervalEstimate i in b.Intervals)
            output.WriteLine($"  {i.Method.Name(),-10} {i.Quantity.Name,-9} {(i.Quantity.Compute is { } c ? N(c, "G3") : ""),10} {N(i.Estimate, "G6"),11} " +
                             $"{N(i.Lo, "G6"),11} {N(i.Hi, "G6"),11} {N(i.Se, "G3"),10} {i.ResamplesFailed,7}");
    }

    static void PrintDcl(IReadOnlyList<DclEstimate> rows, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Deadweight compute loss of the {rows[0].Plan.Name()} plan against the {rows[0].Reference.Name()} surface");
        output.WriteLine($"  {"variant",-16} {"C (FLOPs)",10} {"FLOPs",10} {"%",7} {"dollars",12} {"interval %",17} {"interval $",23} {"failed",7}");
        foreach (DclEstimate d in rows)
            output.WriteLine($"  {d.Variant.Name(),-16} {N(d.Compute, "G3"),10} {N(d.Flops, "G4"),10} {N(d.Percent, "F2"),7} {N(d.Dollars, "N0"),12} " +
                             $"{$"{N(d.LoPercent, "F2")}..{N(d.HiPercent, "F2")}",17} {$"{N(d.LoDollars, "N0")}..{N(d.HiDollars, "N0")}",23} {d.ResamplesFailed,7}");
    }

    internal static string N(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
