using ScalingGpu.Data;

namespace ScalingGpu.Fitting;

/// <summary>One IsoFLOP budget's parabola L ≈ p·x² + q·x + r in x = log10 N, and its vertex.</summary>
/// <param name="Dropped">Why the budget was left out of the power-law fit, or null when it was used.</param>
/// <param name="Weight">The budget's weight in the power-law fit: the number of times its whole curve is in the data (1, or k for
/// a curve drawn k times by a budgets bootstrap; a resample of points within curves still holds each curve once).</param>
public sealed record BudgetParabola(double Budget, int Points, double P, double Q, double R, double OptimalParams, double Weight, string? Dropped);

/// <summary>
/// Chinchilla Approach 2: log10 N*(C) = a·log10 C + a0 and log10 D*(C) = b·log10 C + b0 from per-budget parabola vertices.
/// </summary>
public sealed record Approach2Fit(double A, double A0, double B, double B0, int BudgetsUsed, int BudgetsFailed,
                                  FitStatus Status, string? Reason, IReadOnlyList<BudgetParabola> Budgets)
{
    /// <summary>N*(C) = 10^(a0 + a·log10 C), parameters.</summary>
    public double OptimalParams(double compute) => Math.Pow(10, A0 + A * Math.Log10(compute));
    /// <summary>D*(C) = 10^(b0 + b·log10 C), tokens.</summary>
    public double OptimalTokens(double compute) => Math.Pow(10, B0 + B * Math.Log10(compute));
}

/// <summary>Fits Approach 2 (DESIGN.md §1): budgets with fewer than 3 distinct N or p ≤ 0 are dropped and counted.</summary>
internal static class Approach2
{
    /// <summary>Fits all runs with weight 1.</summary>
    public static Approach2Fit Fit(RunTable runs) => Fit(runs, Enumerable.Repeat(1.0, runs.Count).ToArray());

    /// <summary>
    /// Fits with per-run weights (bootstrap multiplicities, or a jackknife's 0/1); a weight of 0 leaves the run out.
    /// <paramref name="wholeCurves"/>: the weights draw whole budget curves (the budgets unit), so a curve drawn k times is k
    /// points of the power-law line; otherwise each curve present is one point, as the estimator on the resampled data
    /// would have it (the mean multiplicity of the runs drawn, or their share of the curve, would weight curves at random).
    /// </summary>
    public static Approach2Fit Fit(RunTable runs, double[] weights, bool wholeCurves = false)
    {
        if (weights.Length != runs.Count)
            throw new ArgumentException($"weights has {weights.Length} values for {runs.Count} runs.", nameof(weights));
        var parabolas = new List<BudgetParabola>();
        foreach (var group in Enumerable.Range(0, runs.Count).Where(i => weights[i] > 0).GroupBy(i => runs.Budget[i]).OrderBy(g => g.Key))
            parabolas.Add(Parabola(group.Key, group.ToArray(), runs, weights, wholeCurves ? group.Average(i => weights[i]) : 1));

        var used = parabolas.Where(p => p.Dropped is null).ToArray();
        int failed = parabolas.Count - used.Length;
        if (used.Length < 2)
            return new Approach2Fit(double.NaN, double.NaN, double.NaN, double.NaN, used.Length, failed, FitStatus.Failed,
                $"needs at least 2 IsoFLOP budgets with ≥ 3 distinct N and an upward parabola; {used.Length} of {parabolas.Count} budget groups qualify" +
                (runs.BudgetFromColumn ? "" : " (budgets = C rounded to 3 significant digits; name a budget column with --budget)"),
                parabolas);

        (double a0, double a) = WeightedLine(used.Select(p => Math.Log10(p.Budget)).ToArray(), used.Select(p => Math.Log10(p.OptimalParams)).ToArray(),
                                             used.Select(p => p.Weight).ToArray());
        // D* = C/(6·N*) makes the token law exact: b = 1 − a, b0 = −log10 6 − a0.
        double b = 1 - a, b0 = -Math.Log10(Models.ComputeModel.FlopsPerTokenParam) - a0;
        return new Approach2Fit(a, a0, b, b0, used.Length, failed, FitStatus.Converged, null, parabolas);
    }

    static BudgetParabola Parabola(double budget, int[] members, RunTable runs, double[] weights, double weight)
    {
        double[] x = members.Select(i => Math.Log10(runs.Params[i])).ToArray();
        int distinct = x.Distinct().Count();
        if (distinct < 3)
            return new BudgetParabola(budget, members.Length, double.NaN, double.NaN, double.NaN, double.NaN, weight, $"only {distinct} distinct N (needs 3)");
        // Centre x so the normal equations stay well conditioned, then shift the vertex back.
        double centre = x.Average();
        double[] coef = MathNet.Numerics.Fit.PolynomialWeighted(x.Select(v => v - centre).ToArray(), members.Select(i => runs.Loss[i]).ToArray(),
                                               members.Select(i => weights[i]).ToArray(), 2);
        double r = coef[0], q = coef[1], p = coef[2];
        if (!(p > 0))
            return new BudgetParabola(budget, members.Length, p, q, r, double.NaN, weight, $"parabola opens downward (p = {p:G3})");
        double vertex = centre - q / (2 * p);
        return new BudgetParabola(budget, members.Length, p, q - 2 * p * centre, r - q * centre + p * centre * centre, Math.Pow(10, vertex), weight, null);
    }

    // Weighted least-squares line y ≈ intercept + slope·x (centred normal equations).
    static (double Intercept, double Slope) WeightedLine(double[] x, double[] y, double[] w)
    {
        double sw = w.Sum(), mx = x.Zip(w, (v, k) => v * k).Sum() / sw, my = y.Zip(w, (v, k) => v * k).Sum() / sw;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++) { sxx += w[i] * (x[i] - mx) * (x[i] - mx); sxy += w[i] * (x[i] - mx) * (y[i] - my); }
        double slope = sxy / sxx;
        return (my - slope * mx, slope);
    }
}
