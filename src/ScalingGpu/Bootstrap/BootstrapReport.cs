using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Bootstrap;

/// <summary>An interval for one quantity of one method.</summary>
/// <param name="Estimate">The full-data value.</param>
/// <param name="Resamples">Resamples whose fit succeeded (used).</param>
/// <param name="ResamplesFailed">Resamples whose fit failed (counted, not used).</param>
public sealed record IntervalEstimate(FitMethod Method, Quantity Quantity, IntervalKind Kind, double Level, double Estimate,
                                      double Lo, double Hi, double Se, int Resamples, int ResamplesFailed);

/// <summary>How the reference surface of a DCL interval treats resampling.</summary>
public enum DclVariant
{
    /// <summary>Reference held at its full-data fit (as the paper does).</summary>
    FixedReference,
    /// <summary>Reference refitted on each resample (the full uncertainty).</summary>
    RefitReference,
}

/// <summary>Deadweight compute loss of a plan at one budget, with its bootstrap interval (NaN bounds without a bootstrap).</summary>
public sealed record DclEstimate(FitMethod Plan, FitMethod Reference, DclVariant Variant, double Compute, double Flops, double Percent,
                                 double Dollars, double LoPercent, double HiPercent, double LoDollars, double HiDollars, double Level,
                                 int Resamples, int ResamplesFailed);

/// <summary>Everything a bootstrap produced.</summary>
/// <param name="Fits">Per method, the fit of every resample in resample order.</param>
public sealed record BootstrapReport(ResampleUnit Unit, ulong Seed, int Resamples, IReadOnlyList<MethodFits> Fits,
                                     IReadOnlyList<IntervalEstimate> Intervals, IReadOnlyList<DclEstimate> Dcl)
{
    /// <summary>Per method, the delete-one-unit jackknife fits (BCa only; empty otherwise), so later estimates (predictions) can use BCa too.</summary>
    public IReadOnlyList<MethodFits> Jackknife { get; init; } = [];
}

/// <summary>
/// Snake-case names of bootstrap choices, as written in every output, and the one map per user-facing choice (interval
/// kind, resampling unit) whose parser the CLI and the YAML share.
/// </summary>
public static class BootstrapNames
{
    /// <summary>percentile, bca: <c>--interval</c>, the YAML <c>bootstrap.interval</c>, every output.</summary>
    internal static NameMap<IntervalKind> Intervals { get; } = new("percentile", "bca");
    /// <summary>points, within-budget, budgets: <c>--resample</c>, the YAML <c>bootstrap.resample</c>, the manifest.</summary>
    internal static NameMap<ResampleUnit> Units { get; } = new("points", "within-budget", "budgets");

    /// <summary>percentile / bca.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string Name(this IntervalKind kind) => Intervals.Name(kind);
    /// <summary>fixed_reference / refit_reference.</summary>
    public static string Name(this DclVariant variant) => variant == DclVariant.FixedReference ? "fixed_reference" : "refit_reference";
    /// <summary>points / within-budget / budgets (the --resample spelling).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static string Name(this ResampleUnit unit) => Units.Name(unit);
}
