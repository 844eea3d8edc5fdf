using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Predictions;

/// <summary>One held-out run as one method predicts it.</summary>
/// <param name="Row">Where the run sits in the data file.</param>
/// <param name="Observed">Its final loss.</param>
/// <param name="Predicted">The method's prediction (<see cref="PredictedLoss.None"/> for Approach 2).</param>
/// <param name="NOptObserved">N* of the run's budget from the held-out runs' own parabola (NaN when that parabola fails).</param>
/// <param name="NOptPredicted">The method's N*(C) at the run's budget (parameters).</param>
internal sealed record HeldOutRun(FitMethod Method, string Row, double Params, double Tokens, double Budget, double Observed, PredictedLoss Predicted,
                                double NOptObserved, double NOptPredicted)
{
    /// <summary>Predicted − observed loss (loss units).</summary>
    public double Error => Predicted.Loss - Observed;
}

/// <summary>A method's N*(C) against a held-out budget's own parabola minimum.</summary>
internal sealed record NOptError(double Compute, double Observed, double Predicted)
{
    /// <summary>Predicted / observed − 1 (signed fraction).</summary>
    public double RelativeError => Predicted / Observed - 1;
}

/// <summary>How well one method predicts the held-out runs.</summary>
/// <param name="Count">Held-out runs with a finite prediction (all held-out runs for Approach 2, which predicts N* only).</param>
/// <param name="Rmse">√(mean error²), loss units (NaN for Approach 2).</param>
/// <param name="MeanError">Mean of predicted − observed (loss units).</param>
/// <param name="MaxAbsError">Largest |predicted − observed| (loss units).</param>
/// <param name="ShareInsidePi">Share of held-out runs inside their prediction interval (NaN without a bootstrap).</param>
internal sealed record HoldoutSummary(FitMethod Method, int Count, double Rmse, double MeanError, double MaxAbsError, double ShareInsidePi,
                                    IReadOnlyList<NOptError> NOptErrors);

/// <summary>A backtest: every held-out run per method, and each method's summary.</summary>
/// <param name="Level">Interval level (NaN without a bootstrap).</param>
/// <param name="HeldOut">The held-out runs as read (points.parquet lists them beside the fitted ones).</param>
internal sealed record HoldoutReport(double Above, double Level, IReadOnlyList<HeldOutRun> Runs, IReadOnlyList<HoldoutSummary> Methods, RunTable HeldOut);

/// <summary>Scores the fits of <see cref="HoldoutSplit.Fit"/> on the held-out runs (DESIGN.md §4, predictions and backtests).</summary>
internal static class Holdout
{
    /// <summary>
    /// Predicts every held-out run with every surface method of <paramref name="report"/> (a fit of
    /// <paramref name="split"/>.Fit), and compares each method's N*(C) with each held-out budget's own parabola vertex
    /// (Approach 2's per-budget rule: ≥ 3 distinct N and an upward parabola, else no observed N*).
    /// </summary>
    public static HoldoutReport Evaluate(HoldoutSplit split, FitReport report)
    {
        BootstrapOptions? bootstrap = report.Request.Bootstrap;
        var held = split.HeldOut;
        Dictionary<double, double> ownMinimum = Approach2.Fit(held).Budgets
            .ToDictionary(p => p.Budget, p => p.Dropped is null ? p.OptimalParams : double.NaN);
        var runs = new List<HeldOutRun>();
        var summaries = new List<HoldoutSummary>();
        foreach (FitMethod method in new[] { FitMethod.Vpnls, FitMethod.Approach2, FitMethod.Approach3 })
        {
            PredictedLoss[] predicted;
            Func<double, double> nOpt;
            if (method == FitMethod.Approach2)
            {
                if (report.Approach2 is not { } a2) continue;
                predicted = Enumerable.Repeat(PredictedLoss.None, held.Count).ToArray();
                nOpt = c => a2.Status == FitStatus.Failed ? double.NaN : Allocation.Of(a2, c).OptimalParams;
            }
            else
            {
                if (report.Surfaces.FirstOrDefault(s => s.Method == method) is not { } fit) continue;
                predicted = LossIntervals.Estimate(method, report, held.Count, (s, j) => s.Loss(held.Params[j], held.Tokens[j]));
                nOpt = c => fit.Status == FitStatus.Failed ? double.NaN : Allocation.Of(fit, c).OptimalParams;
            }
            var mine = Enumerable.Range(0, held.Count).Select(j => new HeldOutRun(method, held.Rows[j], held.Params[j], held.Tokens[j], held.Budget[j],
                held.Loss[j], predicted[j], ownMinimum[held.Budget[j]], nOpt(held.Budget[j]))).ToList();
            runs.AddRange(mine);
            summaries.Add(Summarise(method, mine, ownMinimum, nOpt, bootstrap is not null));
        }
        return new HoldoutReport(split.Above, bootstrap?.Level ?? double.NaN, runs, summaries, split.HeldOut);
    }

    static HoldoutSummary Summarise(FitMethod method, List<HeldOutRun> runs, Dictionary<double, double> ownMinimum, Func<double, double> nOpt, bool intervals)
    {
        var nOptErrors = ownMinimum.OrderBy(p => p.Key).Select(p => new NOptError(p.Key, p.Value, nOpt(p.Key))).ToList();
        double[] errors = runs.Select(r => r.Error).Where(double.IsFinite).ToArray();
        if (errors.Length == 0)
            return new HoldoutSummary(method, runs.Count, double.NaN, double.NaN, double.NaN, double.NaN, nOptErrors);
        var predicted = runs.Where(r => double.IsFinite(r.Error)).ToList();
        return new HoldoutSummary(method, errors.Length, Math.Sqrt(errors.Average(e => e * e)), errors.Average(), errors.Max(Math.Abs),
            intervals ? predicted.Count(r => r.Predicted.PiContains(r.Observed)) / (double)predicted.Count : double.NaN, nOptErrors);
    }
}
