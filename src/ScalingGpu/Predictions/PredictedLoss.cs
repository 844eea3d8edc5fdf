using ScalingGpu.Bootstrap;

namespace ScalingGpu.Predictions;

/// <summary>
/// A surface method's predicted loss at one target, with its bootstrap confidence interval (where the surface's mean
/// loss lies) and prediction interval (where a new run's loss lies: the confidence spread plus the residual scale).
/// Bounds are NaN without a bootstrap.
/// </summary>
/// <param name="Loss">Prediction of the full-data fit (loss units; NaN when that fit failed or is undefined there).</param>
/// <param name="ResidualScale">σ̂ = √(RSS/(n − 5)) of the full-data fit, on its own scale (loss or log-loss units).</param>
/// <param name="Level">Interval level (NaN without a bootstrap).</param>
/// <param name="Kind">Interval construction (null without a bootstrap).</param>
/// <param name="Resamples">Resamples whose prediction is finite (used).</param>
/// <param name="ResamplesFailed">Resamples whose fit failed or whose prediction is undefined (counted, not used).</param>
internal sealed record PredictedLoss(double Loss, double CiLo, double CiHi, double PiLo, double PiHi, double ResidualScale, double Level, IntervalKind? Kind,
                                   int Resamples, int ResamplesFailed)
{
    /// <summary>A prediction without intervals.</summary>
    public static PredictedLoss PointOnly(double loss, double residualScale) => new(loss, double.NaN, double.NaN, double.NaN, double.NaN, residualScale, double.NaN, null, 0, 0);

    /// <summary>No prediction (a method without a loss surface, e.g. Approach 2).</summary>
    public static PredictedLoss None { get; } = PointOnly(double.NaN, double.NaN);

    /// <summary>True when <paramref name="observed"/> lies inside the prediction interval; false without one.</summary>
    public bool PiContains(double observed) => PiLo <= observed && observed <= PiHi;
}
