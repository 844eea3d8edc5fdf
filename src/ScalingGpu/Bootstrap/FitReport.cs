using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>
/// The results of one <see cref="Fitter.Fit(FitRequest, Compute.IComputeDevice, IProgress{double}?)"/> call: every requested fit, in
/// request order, and the allocations; with the request, so the writers need nothing else.
/// </summary>
/// <param name="Request">What was fitted: the runs, options, targets and bootstrap.</param>
public sealed record FitReport(
    FitRequest Request,
    IReadOnlyList<SurfaceFit> Surfaces,
    Approach2Fit? Approach2,
    IReadOnlyList<Allocation> Allocations,
    ObjectiveGrid? Heatmap,
    string Device,
    double Seconds)
{
    /// <summary>Runs fitted.</summary>
    public int PointCount => Request.Runs.Count;

    /// <summary>The bootstrap, when one was requested.</summary>
    public BootstrapReport? Bootstrap { get; init; }

    /// <summary>Deadweight compute loss rows (with intervals when bootstrapped), when requested.</summary>
    public IReadOnlyList<DclEstimate> Dcl { get; init; } = [];

    /// <summary>True when at least one requested fit produced a result (status other than failed).</summary>
    public bool AnySucceeded => Surfaces.Any(s => s.Status != FitStatus.Failed) || Approach2 is { Status: not FitStatus.Failed };
}
