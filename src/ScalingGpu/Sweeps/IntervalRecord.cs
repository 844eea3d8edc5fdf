using ScalingGpu.Bootstrap;

namespace ScalingGpu.Sweeps;

/// <summary>
/// One row of OUT/intervals (DESIGN.md §4): a bootstrap interval of one quantity of one replicate's fit by one method,
/// with the truth from the job's surface in closed form.
/// </summary>
/// <param name="Compute">Budget of N*, D*, L* (FLOPs); NaN for parameters and exponents.</param>
internal sealed record IntervalRecord(SweepJob Job, int Replicate, string Method, QuantityKind Quantity, double Compute, IntervalKind Kind, double Level,
                                    double Truth, double Estimate, double Lo, double Hi, double Se, int Resamples, int ResamplesFailed)
{
    /// <summary>Both ends are numbers (not when too few resample fits succeeded).</summary>
    public bool IsDefined => double.IsFinite(Lo) && double.IsFinite(Hi);

    /// <summary>lo ≤ truth ≤ hi (false when the interval is undefined).</summary>
    public bool Covered => Lo <= Truth && Truth <= Hi;

    /// <summary>hi − lo.</summary>
    public double Width => Hi - Lo;

    /// <summary>Width / |truth|.</summary>
    public double RelWidth => Width / Math.Abs(Truth);
}
