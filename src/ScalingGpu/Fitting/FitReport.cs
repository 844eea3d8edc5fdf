using ScalingGpu.Bootstrap;
using ScalingGpu.Models;
using ScalingGpu.Predictions;

namespace ScalingGpu.Fitting;

/// <summary>The results of one <see cref="Fitter.Fit"/> call: every requested fit, in request order, and the allocations.</summary>
public sealed record FitReport(
    int PointCount,
    IReadOnlyList<SurfaceFit> Surfaces,
    Approach2Fit? Approach2,
    IReadOnlyList<Allocation> Allocations,
    ObjectiveGrid? Heatmap,
    string Device,
    double Seconds)
{
    /// <summary>The bootstrap, when one was requested.</summary>
    public BootstrapReport? Bootstrap { get; init; }

    /// <summary>Deadweight compute loss rows (with intervals when bootstrapped), when requested.</summary>
    public IReadOnlyList<DclEstimate> Dcl { get; init; } = [];

    /// <summary>Predictions at the points of <c>--predict</c>, when requested.</summary>
    public IReadOnlyList<Prediction>? Predictions { get; init; }

    /// <summary>The backtest of <c>--holdout-above</c>, when requested.</summary>
    public HoldoutReport? Holdout { get; init; }

    /// <summary>True when at least one requested fit produced a result (status other than failed).</summary>
    public bool AnySucceeded => Surfaces.Any(s => s.Status != FitStatus.Failed) || Approach2 is { Status: not FitStatus.Failed };
}
