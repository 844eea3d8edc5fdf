using System.Text.RegularExpressions;

namespace ScalingGpu.Output;

/// <summary>
/// What every output column means and in which unit, written into each Parquet file's key-value metadata so a reader of
/// the file alone knows what it holds. Every column a writer adds must be listed here (a missing one is a bug).
/// </summary>
internal static partial class ColumnGlossary
{
    static readonly Dictionary<string, string> Entries = new()
    {
        ["method"] = "fitting method: vpnls, approach2 or approach3 (the sweep's method label in records)",
        ["E"] = "irreducible loss E of L = E + A/N^alpha + B/D^beta (loss units)",
        ["A"] = "parameter coefficient A (loss units × parameters^alpha)",
        ["B"] = "data coefficient B (loss units × tokens^beta)",
        ["alpha"] = "parameter exponent alpha (dimensionless)",
        ["beta"] = "data exponent beta (dimensionless)",
        ["n_opt_exponent"] = "a in N* = 10^n_opt_intercept · C^a (dimensionless; beta/(alpha+beta) for a surface)",
        ["n_opt_intercept"] = "a0 in log10 N* = a0 + a·log10 C (log10 parameters)",
        ["d_opt_exponent"] = "b in D* = 10^d_opt_intercept · C^b (dimensionless; alpha/(alpha+beta) for a surface)",
        ["d_opt_intercept"] = "b0 in log10 D* = b0 + b·log10 C (log10 tokens)",
        ["G"] = "G = (alpha·A/(beta·B))^(1/(alpha+beta)); N* = G·(C/6)^a (dimensionless scale)",
        ["objective"] = "minimised objective: sum of squared (or Huber) residuals, not divided by n (loss or log-loss units squared)",
        ["rss"] = "residual sum of squares on the fit scale (loss or log-loss units squared)",
        ["budgets_used"] = "IsoFLOP budgets whose parabola entered Approach 2's lines (count)",
        ["budgets_failed"] = "IsoFLOP budgets dropped by Approach 2: fewer than 3 distinct N or a downward parabola (count)",
        ["status"] = "converged, bound_hit or failed",
        ["reason"] = "why a fit failed or hit a bound (text, null when converged)",
        ["compute"] = "compute budget C (FLOPs); null where the quantity has none",
        ["N_opt"] = "compute-optimal parameters N* at C (parameters)",
        ["D_opt"] = "compute-optimal tokens D* at C (tokens)",
        ["L_opt"] = "loss at (N*, D*) on the fitted surface (loss units; null for Approach 2)",
        ["row"] = "where the row sits in its input file (the data file, or the --predict file for predictions): the line of a CSV (1-based, header and comments counted; a record spanning lines counts its first) or the row of a Parquet file (1-based)",
        ["N"] = "model parameters (count)",
        ["D"] = "training tokens (count)",
        ["C"] = "training compute (FLOPs)",
        ["loss"] = "final loss of the run (loss units)",
        ["budget"] = "IsoFLOP budget label of the run (FLOPs)",
        ["dropped"] = "true when the row was left out of every fit (--drop-top-loss)",
        ["held_out"] = "true when the row was held out of the fit and only predicted (--holdout-above)",
        ["resample"] = "bootstrap resample index (0-based; the same seed gives the same resamples on every device)",
        ["quantity"] = "reported quantity: E, A, B, alpha, beta, n_opt_exponent, d_opt_exponent, G, N_opt, D_opt, L_opt or D_over_N (sweeps: all but G and D_over_N)",
        ["interval_kind"] = "interval construction: percentile or bca",
        ["level"] = "confidence level (fraction, e.g. 0.95)",
        ["estimate"] = "full-data value of the quantity (units of the quantity)",
        ["lo"] = "lower interval bound (units of the quantity)",
        ["hi"] = "upper interval bound (units of the quantity)",
        ["se"] = "bootstrap standard error (units of the quantity)",
        ["resamples"] = "resamples whose fit succeeded and entered the interval (count)",
        ["resamples_failed"] = "resamples whose fit failed, counted and left out (count)",
        ["plan"] = "method whose allocation (N, D) is priced",
        ["reference"] = "method whose surface prices the plan",
        ["variant"] = "fixed_reference (reference at its full-data fit) or refit_reference (refitted per resample)",
        ["flops"] = "deadweight compute C − C_eq (FLOPs)",
        ["percent"] = "deadweight compute as percent of C (%)",
        ["dollars"] = "deadweight compute priced in US dollars ($)",
        ["lo_percent"] = "lower interval bound of percent (%)",
        ["hi_percent"] = "upper interval bound of percent (%)",
        ["lo_dollars"] = "lower interval bound of dollars ($)",
        ["hi_dollars"] = "upper interval bound of dollars ($)",
        ["job"] = "sweep job index (one surface × design × noise)",
        ["surface"] = "name of the true loss surface",
        ["width_factor"] = "IsoFLOP sampling width W: N spans centre/W .. centre·W (dimensionless)",
        ["centre_offset"] = "every sampling centre at N*/centre_offset (YAML design.offset; dimensionless)",
        ["drift_to"] = "the centre drifts to N*/drift_to at the top budget (dimensionless)",
        ["noise"] = "Gaussian noise sigma added to each simulated loss (loss units)",
        ["points_per_budget"] = "model sizes per IsoFLOP curve (count)",
        ["n_budgets"] = "IsoFLOP budgets in the design (count)",
        ["replicate"] = "simulated data set index within the job (0-based)",
        ["n_opt_exponent_rel_err"] = "(fitted − true)/true of n_opt_exponent (signed fraction)",
        ["d_opt_exponent_rel_err"] = "(fitted − true)/true of d_opt_exponent (signed fraction)",
        ["n_opt_intercept_err"] = "fitted − true n_opt_intercept (log10 parameters)",
        ["d_opt_intercept_err"] = "fitted − true d_opt_intercept (log10 tokens)",
        ["extrapolation_compute"] = "budget C of the extrapolation errors (FLOPs)",
        ["n_opt_rel_err"] = "N*(C) fitted/true − 1 (signed fraction)",
        ["d_opt_rel_err"] = "D*(C) fitted/true − 1 (signed fraction)",
        ["dcl_percent"] = "deadweight compute of the fitted plan on the true surface (% of C)",
        ["seconds"] = "wall time of the fit (s)",
        ["budget_points"] = "runs on the budget's IsoFLOP curve (count)",
        ["coef_quadratic"] = "q2 of Approach 2's parabola loss = q2·x² + q1·x + q0, x = log10 N (loss units)",
        ["coef_linear"] = "q1 of Approach 2's parabola (loss units)",
        ["coef_constant"] = "q0 of Approach 2's parabola (loss units)",
        ["vertex_params"] = "N at the parabola's minimum, Approach 2's N* for this budget (parameters)",
        ["vertex_loss"] = "loss at the parabola's minimum (loss units)",
        ["dropped_reason"] = "why Approach 2 left the budget out (fewer than 3 distinct N, or a downward parabola); null when used",
        ["truth"] = "value of the quantity on the sweep's true surface, in closed form (units of the quantity)",
        ["covered"] = "true when lo <= truth <= hi (false when the interval is undefined)",
        ["width"] = "hi − lo (units of the quantity)",
        ["rel_width"] = "(hi − lo)/|truth| (fraction)",
        ["target"] = "what a --predict row asks for: point (its own N and D) or compute_optimal (each method's N*(C), D*(C) for its C)",
        ["predicted"] = "loss predicted by the method's surface fitted to every run used (all runs, or under --holdout-above those at or below it) (loss units)",
        ["ci_lo"] = "lower bound of the bootstrap confidence interval of the predicted loss (loss units)",
        ["ci_hi"] = "upper bound of the bootstrap confidence interval of the predicted loss (loss units)",
        ["pi_lo"] = "lower bound of the bootstrap prediction interval for a new run's loss: resample prediction plus residual noise (loss units)",
        ["pi_hi"] = "upper bound of the bootstrap prediction interval for a new run's loss (loss units)",
        ["residual_scale"] = "sigma = sqrt(rss/(n − 5)) of the full-data fit on its own scale (loss units, or log-loss units for log-space fits)",
        ["observed"] = "final loss of the held-out run (loss units)",
        ["error"] = "predicted − observed loss (loss units)",
        ["n_opt_observed"] = "N* of the held-out budget from its own IsoFLOP parabola (parameters; null when that parabola fails)",
        ["n_opt_predicted"] = "the method's N*(C) at the held-out budget, fitted without it (parameters)",
        ["n_opt_error"] = "n_opt_predicted / n_opt_observed − 1 (signed fraction)",
        ["L_opt_a"] = "L*(C) of data set A's full-data fit at C (loss units)",
        ["L_opt_b"] = "L*(C) of data set B's full-data fit at C (loss units)",
        ["share_a_lower"] = "share of bootstrap resample pairs in which L*_A(C) < L*_B(C) (fraction, a tie counting one half; null without --bootstrap)",
        ["share_resamples"] = "resample pairs in which both frontiers are defined at C, the pairs share_a_lower counts over (count)",
        ["crossover_compute"] = "lowest C where the frontiers L*_A and L*_B cross within the search range (FLOPs; null when they do not)",
        ["crossover_lo"] = "lower interval bound of the crossover over the resamples that cross (FLOPs)",
        ["crossover_hi"] = "upper interval bound of the crossover over the resamples that cross (FLOPs)",
        ["a_lower_below"] = "true when A's frontier is the lower one at the bottom of the search range (B wins above the crossover); null when the two are equal there or either is undefined",
        ["search_lo"] = "bottom of the crossover search: the smallest budget in either data set (FLOPs)",
        ["search_hi"] = "top of the crossover search (FLOPs)",
        ["resamples_no_crossover"] = "resamples whose frontiers do not cross in the search range (count; not in the interval)",
        ["data_set"] = "which compared data set: a or b",
    };

    // Per-budget columns of resamples.parquet: N_opt_3p8e25 and the like (C written with p for the decimal point).
    [GeneratedRegex("^(N_opt|D_opt|L_opt|D_over_N)_([0-9p]+e[0-9]+)$")]
    private static partial Regex PerBudget();

    /// <summary>The description of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The column is not documented here.</exception>
    public static string Describe(string column)
    {
        if (Entries.TryGetValue(column, out string? text)) return text;
        Match m = PerBudget().Match(column);
        if (m.Success)
        {
            string c = m.Groups[2].Value.Replace('p', '.');
            return m.Groups[1].Value == "D_over_N" ? $"D*/N* at C = {c} FLOPs (tokens per parameter)" : $"{Entries[m.Groups[1].Value].Replace(" at C", $" at C = {c} FLOPs")}";
        }
        throw new ArgumentException($"Output column '{column}' has no entry in ColumnGlossary; add its meaning and unit.", nameof(column));
    }
}
