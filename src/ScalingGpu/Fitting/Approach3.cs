using System.Runtime.Intrinsics;
using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>
/// Chinchilla Approach 3 as coded by Epoch AI: L-BFGS on the LSE model of log loss from a 4,500-point start grid
/// (α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}); the best converged run wins.
/// All starts are evaluated, and the chosen ones run in parallel.
/// </summary>
internal static class Approach3
{
    static readonly double[][] StartGrid = Approach3StartGrid.All;

    /// <summary>Fits all runs with weight 1.</summary>
    public static SurfaceFit Fit(RunTable runs, Approach3Options options) => Fit(runs, Enumerable.Repeat(1.0, runs.Count).ToArray(), options);

    /// <summary>Fits with per-run weights (bootstrap multiplicities); <paramref name="extraStart"/> (a, b, e, α, β) joins the starts.</summary>
    public static SurfaceFit Fit(RunTable runs, double[] weights, Approach3Options options, double[]? extraStart = null)
    {
        var objective = new Approach3Objective(
            runs.Params.Select(n => Math.Log(n)).ToArray(), runs.Tokens.Select(d => Math.Log(d)).ToArray(),
            runs.Loss.Select(l => Math.Log(l)).ToArray(), weights, options.Loss == FitObjective.Huber, options.Delta);

        // Rank every start by its objective, then refine the best K (ties keep grid order).
        int count = Math.Min(options.Starts ?? StartGrid.Length, StartGrid.Length);
        var starts = objective.BestStarts(StartGrid, count).Select(s => StartGrid[s]).ToList();
        if (extraStart is not null) starts.Add(extraStart);

        // Where 256-bit vectors are emulated (no AVX2 or an Arm CPU) the scalar objective is the faster one.
        GradientObjective evaluate = Vector256.IsHardwareAccelerated ? objective.EvaluateVector : objective.Evaluate;
        var results = new LbfgsResult[starts.Count];
        Parallel.For(0, starts.Count, k => results[k] = BoundedLbfgs.Minimize(evaluate, starts[k], null, null, new LbfgsSettings()));

        LbfgsResult? best = results.Where(r => r.Success).MinBy(r => r.F);
        if (best is null)
        {
            LbfgsResult closest = results.Where(r => double.IsFinite(r.F)).MinBy(r => r.F) ?? results[0];
            return Build(closest, objective, FitStatus.Failed, $"none of {results.Length} L-BFGS runs converged (best stopped: {closest.Exit})");
        }
        return Build(best, objective, FitStatus.Converged, null);
    }

    static SurfaceFit Build(LbfgsResult run, Approach3Objective objective, FitStatus status, string? reason)
    {
        double[] t = run.X;
        var surface = new LossSurface(Math.Exp(t[2]), Math.Exp(t[0]), Math.Exp(t[1]), t[3], t[4]);
        // Epoch's parametrisation leaves α, β free: a converged fit can have the loss grow with N or D.
        if (reason is null && !surface.HasAllocation)
            reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"an exponent ≤ 0 (alpha {surface.Alpha:G4}, beta {surface.Beta:G4}): the loss does not fall with both N and D, so this surface gives no compute-optimal allocation");
        return new SurfaceFit(FitMethod.Approach3, surface, run.F, objective.Rss(t), status, reason);
    }
}

/// <summary>Epoch AI's 4,500 starts (a, b, e, α, β): α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}.</summary>
internal static class Approach3StartGrid
{
    public static double[][] All { get; } = Build();

    static double[][] Build()
    {
        double[] exponents = [0, 0.5, 1, 1.5, 2], es = [-1, -0.5, 0, 0.5, 1], coefficients = [0, 5, 10, 15, 20, 25];
        var grid = new List<double[]>();
        foreach (double alpha in exponents)
            foreach (double beta in exponents)
                foreach (double e in es)
                    foreach (double a in coefficients)
                        foreach (double b in coefficients)
                            grid.Add([a, b, e, alpha, beta]);
        return grid.ToArray();
    }
}
