using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Predictions;

namespace ScalingGpu.Cli;

/// <summary>The printed tables of <c>fit --predict</c> and <c>fit --holdout-above</c>.</summary>
internal static class PredictionPrinter
{
    public static void Predictions(IReadOnlyList<Prediction> rows, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Predicted loss{Intervals(rows.Select(r => r.Loss).FirstOrDefault())}");
        output.WriteLine($"  {"method",-10} {"row",-9} {"N",10} {"D",10} {"C (FLOPs)",10} {"predicted",10} {"ci",19} {"pi",19}");
        foreach (Prediction p in rows)
            output.WriteLine($"  {p.Method.Name(),-10} {p.Row,-9} {N(p.Params, "G4"),10} {N(p.Tokens, "G4"),10} {N(p.Compute, "G3"),10} {N(p.Loss.Loss, "F4"),10} " +
                             $"{Range(p.Loss.CiLo, p.Loss.CiHi),19} {Range(p.Loss.PiLo, p.Loss.PiHi),19}");
    }

    public static void Holdout(HoldoutReport report, TextWriter output)
    {
        int heldOut = report.Runs.Select(r => r.Row).Distinct().Count();
        output.WriteLine();
        output.WriteLine($"Backtest: {heldOut} runs with budget above {N(report.Above, "G3")} FLOPs held out of every fit; errors are predicted − observed loss");
        output.WriteLine($"  {"method",-10} {"count",5} {"rmse",9} {"mean_error",10} {"max_abs_error",13} {"inside_pi",9}");
        foreach (HoldoutSummary s in report.Methods)
            output.WriteLine($"  {s.Method.Name(),-10} {s.Count,5} {N(s.Rmse, "F5"),9} {N(s.MeanError, "F5"),10} {N(s.MaxAbsError, "F5"),13} {N(s.ShareInsidePi, "P0"),9}");
        output.WriteLine($"  N* at each held-out budget against its own parabola minimum (predicted / observed − 1)");
        output.WriteLine($"  {"method",-10} {"C (FLOPs)",10} {"N* observed",12} {"N* predicted",12} {"error",8}");
        foreach (HoldoutSummary s in report.Methods)
            foreach (NOptError e in s.NOptErrors)
                output.WriteLine($"  {s.Method.Name(),-10} {N(e.Compute, "G3"),10} {N(e.Observed, "G4"),12} {N(e.Predicted, "G4"),12} {N(e.RelativeError, "P1"),8}");
        var predicted = report.Runs.Where(r => double.IsFinite(r.Predicted.Loss)).ToList();
        if (predicted.Count == 0) return;
        output.WriteLine($"  held-out runs{Intervals(predicted[0].Predicted)}");
        output.WriteLine($"  {"method",-10} {"row",-9} {"N",10} {"budget",8} {"observed",9} {"predicted",10} {"error",9} {"pi",19}");
        foreach (HeldOutRun r in predicted)
            output.WriteLine($"  {r.Method.Name(),-10} {r.Row,-9} {N(r.Params, "G4"),10} {N(r.Budget, "G3"),8} {N(r.Observed, "F4"),9} {N(r.Predicted.Loss, "F4"),10} " +
                             $"{N(r.Error, "F4"),9} {Range(r.Predicted.PiLo, r.Predicted.PiHi),19}");
    }

    static string Intervals(PredictedLoss? loss) => loss?.Kind is { } kind
        ? $" ({loss.Level * 100:G4}% {kind.Name()} intervals over {loss.Resamples + loss.ResamplesFailed} resamples: ci = confidence, pi = prediction)"
        : " (add --bootstrap R for confidence and prediction intervals)";

    static string Range(double lo, double hi) => double.IsFinite(lo) ? $"{N(lo, "F4")}..{N(hi, "F4")}" : "-";

    static string N(double value, string format) => ReportPrinter.N(value, format);
}
