using System.Globalization;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Cli;

/// <summary>The human-readable fit report: surfaces, the Approach 2 law, and allocations.</summary>
internal static class ReportPrinter
{
    public static void Print(RunTable runs, FitReport report, TextWriter output)
    {
        output.WriteLine($"{runs.Source}: {runs.Count} runs, {runs.DistinctBudgets().Length} budgets" +
                         (runs.Dropped.Count > 0 ? $"; dropped {string.Join(", ", runs.Dropped.Select(d => d.Row))} (highest loss)" : ""));
        if (report.Surfaces.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Loss surface L(N, D) = E + A/N^alpha + B/D^beta");
            output.WriteLine($"  {"method",-10} {"E",10} {"A",12} {"B",12} {"alpha",9} {"beta",9} {"a",8} {"b",8} {"objective",12} {"status",-10}");
            foreach (SurfaceFit fit in report.Surfaces)
            {
                LossSurface s = fit.Surface;
                output.WriteLine($"  {fit.Method.Name(),-10} {N(s.E, "F6"),10} {N(s.A, "G6"),12} {N(s.B, "G6"),12} {N(s.Alpha, "F6"),9} {N(s.Beta, "F6"),9} " +
                                 $"{N(s.ParamsExponent, "F4"),8} {N(s.TokensExponent, "F4"),8} {N(fit.Objective, "G6"),12} {fit.Status.Name(),-10}" +
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
        output.WriteLine();
        output.WriteLine($"device {report.Device}, {report.Seconds:F2} s");
    }

    static string N(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
