using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>Interval construction.</summary>
public enum IntervalKind
{
    /// <summary>Quantiles of the bootstrap replicates (linear interpolation, R type 7).</summary>
    Percentile,
    /// <summary>Bias-corrected and accelerated (Efron 1987), acceleration from a delete-one-unit jackknife.</summary>
    Bca,
}

/// <summary>Options of a Monte-Carlo bootstrap (DESIGN.md §1, Bootstrap).</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples.</summary>
    public int Resamples { get; init; } = 1000;
    /// <summary>Resampling unit; null chooses within-budget when the data have IsoFLOP budgets, else points.</summary>
    public ResampleUnit? Unit { get; init; }
    /// <summary>Two-sided confidence level.</summary>
    public double Level { get; init; } = 0.95;
    /// <summary>Interval construction.</summary>
    public IntervalKind Interval { get; init; } = IntervalKind.Percentile;
    /// <summary>Generator key; the same seed gives the same resamples everywhere.</summary>
    public ulong Seed { get; init; }
    /// <summary>Approach 3 L-BFGS starts per resample (plus the full-data optimum).</summary>
    public int Approach3Starts { get; init; } = 16;
    /// <summary>Resamples per batch (memory and progress granularity; never changes results).</summary>
    public int BatchSize { get; init; } = 250;

    /// <summary>Checks the options (for <see cref="FitRequest.Validate"/>, the one place that does).</summary>
    /// <exception cref="InputDataException">A value is out of range.</exception>
    internal void Validate()
    {
        if (Unit is { } unit) EnumCheck.Defined(unit, "--resample");
        EnumCheck.Defined(Interval, "--interval");
        if (Resamples < 2) throw new InputDataException($"--bootstrap needs at least 2 resamples; got {Resamples}.");
        if (!(Level > 0 && Level < 1)) throw new InputDataException($"--ci must be between 0 and 1 (e.g. 0.95); got {Level}.");
        if (BatchSize < 1) throw new InputDataException($"batch size must be ≥ 1; got {BatchSize}.");
        if (Approach3Starts < 1) throw new InputDataException($"--a3-starts per resample must be ≥ 1; got {Approach3Starts}.");
    }

    /// <summary>The unit actually used on <paramref name="runs"/>.</summary>
    public ResampleUnit UnitFor(RunTable runs) => Unit ?? (runs.HasIsoFlopBudgets ? ResampleUnit.WithinBudget : ResampleUnit.Points);
}

/// <summary>Which plan is priced against which reference surface (DESIGN.md §1).</summary>
/// <param name="Plan">Method whose allocation is evaluated.</param>
/// <param name="Reference">Surface method (VPNLS or Approach 3) that defines the true cost.</param>
public sealed record DclRequest(FitMethod Plan, FitMethod Reference, Pricing Pricing)
{
    /// <summary>Checks the reference and the pricing (for <see cref="FitRequest.Validate"/>, the one place that does).</summary>
    /// <exception cref="InputDataException">The reference is Approach 2, which has no loss surface, or a price is out of range.</exception>
    internal void Validate()
    {
        EnumCheck.Defined(Plan, "--dcl-plan");
        EnumCheck.Defined(Reference, "--dcl-reference");
        ArgumentNullException.ThrowIfNull(Pricing);
        if (Reference == FitMethod.Approach2)
            throw new InputDataException("--dcl-reference approach2: Approach 2 has no loss surface to price against; use vpnls or approach3.");
        if (!(Pricing.PricePerGpuHour >= 0) || !(Pricing.PeakFlops > 0) || !(Pricing.Mfu > 0 && Pricing.Mfu <= 1))
            throw new InputDataException($"pricing needs --price-per-gpu-hour ≥ 0, --peak-flops > 0 and 0 < --mfu ≤ 1; got {Pricing.PricePerGpuHour}, {Pricing.PeakFlops}, {Pricing.Mfu}.");
    }
}
