using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Predictions;

namespace ScalingGpu.Cli;

/// <summary>The printed report of <c>compare A B</c>: both surfaces, the crossovers, and both frontiers at the targets.</summary>
internal static class ComparePrinter
{
    public static void Print(Comparison c, TextWriter output)
    {
        RunTable a = c.A.Request.Runs, b = c.B.Request.Runs;
        output.WriteLine($"A = {a.Source}: {a.Count} runs, {a.DistinctBudgets().Length} budgets; B = {b.Source}: {b.Count} runs, {b.DistinctBudgets().Length} budgets");
        output.WriteLine();
        output.WriteLine("Loss surfaces L(N, D) = E + A/N^alpha + B/D^beta");
        output.WriteLine($"  {"data",-4} {"method",-10} {"E",10} {"A",12} {"B",12} {"alpha",9} {"beta",9} {"status",-10}");
        foreach (var (name, report) in new[] { ("A", c.A), ("B", c.B) })
            foreach (SurfaceFit fit in report.Surfaces)
            {
                LossSurface s = fit.Surface;
                output.WriteLine($"  {name,-4} {fit.Method.Name(),-10} {N(s.E, "F6"),10} {N(s.A, "G6"),12} {N(s.B, "G6"),12} {N(s.Alpha, "F6"),9} {N(s.Beta, "F6"),9} {fit.Status.Name(),-10}");
            }
        output.WriteLine();
        Crossover first = c.Crossovers[0];
        output.WriteLine($"Crossover of the frontiers L*_A(C) = L*_B(C), searched over {N(c.SearchLo, "G3")} .. {N(c.SearchHi, "G3")} FLOPs" +
                         (first.Kind is { } kind ? $" ({first.Level * 100:G4}% {kind.Name()} interval over the resamples that cross)" : ""));
        output.WriteLine($"  {"method",-10} {"C_cross",10} {"interval",21} {"lower below",11} {"no cross",8} {"failed",6}");
        foreach (Crossover x in c.Crossovers)
            output.WriteLine($"  {x.Method.Name(),-10} {(double.IsFinite(x.Compute) ? N(x.Compute, "G3") : "none"),10} " +
                             $"{(double.IsFinite(x.Lo) ? $"{N(x.Lo, "G3")}..{N(x.Hi, "G3")}" : "-"),21} {LowerBelow(c, x),11} " +
                             $"{(x.Kind is null ? "-" : x.ResamplesNoCrossover.ToString()),8} {(x.Kind is null ? "-" : x.ResamplesFailed.ToString()),6}");
        output.WriteLine();
        output.WriteLine("Frontiers at the target budgets (P(A lower) = share of resamples in which L*_A < L*_B, a tie counting one half)");
        output.WriteLine($"  {"method",-10} {"C (FLOPs)",10} {"L*_A",9} {"L*_B",9} {"P(A lower)",10}");
        foreach (FrontierTarget t in c.Targets)
            output.WriteLine($"  {t.Method.Name(),-10} {N(t.Compute, "G3"),10} {N(t.LossA, "F4"),9} {N(t.LossB, "F4"),9} {N(t.ShareALower, "F3"),10}");
        output.WriteLine();
        output.WriteLine($"device {c.A.Device}, {c.A.Seconds + c.B.Seconds:F2} s");
    }

    // "neither" only for equal frontiers; "-" where a fit failed or gives no allocation.
    static string LowerBelow(Comparison c, Crossover x) => x.ALowerBelow switch
    {
        true => "A",
        false => "B",
        null when new[] { c.A, c.B }.All(r => r.Surfaces.First(s => s.Method == x.Method) is { Status: not FitStatus.Failed, Surface.HasAllocation: true }) => "neither",
        null => "-",
    };

    static string N(double value, string format) => ReportPrinter.N(value, format);
}
