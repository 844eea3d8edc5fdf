using System.Globalization;
using ScalingGpu.Data;

namespace ScalingGpu.Predictions;

/// <summary>
/// The runs of a backtest (<c>fit --holdout-above C</c>): those whose budget label is at most C are fitted (and resampled);
/// those above C are held out of everything and only predicted.
/// </summary>
/// <param name="Fit">Runs with budget ≤ <paramref name="Above"/>.</param>
/// <param name="HeldOut">Runs with budget &gt; <paramref name="Above"/>, in file order.</param>
/// <param name="Above">The threshold C, FLOPs.</param>
internal sealed record HoldoutSplit(RunTable Fit, RunTable HeldOut, double Above)
{
    /// <summary>Fewest budgets the fitted part must keep (Approach 2 needs two lines' worth of vertices).</summary>
    public const int MinBudgets = 2;

    /// <summary>Splits <paramref name="runs"/> at <paramref name="above"/>.</summary>
    /// <exception cref="InputDataException">C is not finite and positive, no run is above it, or fewer than 2 budgets or 5 runs remain to fit.</exception>
    public static HoldoutSplit Of(RunTable runs, double above)
    {
        if (!(above > 0) || !double.IsFinite(above))
            throw new InputDataException($"--holdout-above must be a finite budget > 0 (FLOPs); got {F(above)}.");
        bool[] held = runs.Budget.Select(b => b > above).ToArray();
        int heldCount = held.Count(h => h);
        double[] kept = runs.Budget.Where((_, i) => !held[i]).Distinct().ToArray();
        if (heldCount == 0)
            throw new InputDataException($"--holdout-above {F(above)}: no run of {runs.Source} has a budget above it (the largest is {F(runs.Budget.Max())}); choose a lower C.");
        if (kept.Length < MinBudgets || runs.Count - heldCount < RunTable.MinPoints)
            throw new InputDataException($"--holdout-above {F(above)}: only {runs.Count - heldCount} runs in {kept.Length} budgets of {runs.Source} remain to fit " +
                                         $"(at least {RunTable.MinPoints} runs in {MinBudgets} budgets needed); choose a higher C.");
        return new HoldoutSplit(Subset(runs, held, false), Subset(runs, held, true), above);
    }

    // The rows whose held flag equals `heldOut`; --drop-top-loss rows stay with the fitted part, where they were reported.
    static RunTable Subset(RunTable runs, bool[] held, bool heldOut)
    {
        T[] Pick<T>(T[] values) => values.Where((_, i) => held[i] == heldOut).ToArray();
        return new RunTable(runs.Source, Pick(runs.Params), Pick(runs.Tokens), Pick(runs.Compute), Pick(runs.Loss), Pick(runs.Budget), Pick(runs.Rows))
        {
            BudgetFromColumn = runs.BudgetFromColumn, Dropped = heldOut ? [] : runs.Dropped,
        };
    }

    static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
