using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>A fitted loss surface (VPNLS or Approach 3) with its objective and how the fit ended.</summary>
/// <param name="Objective">The minimised objective (see <see cref="FitMethod"/>; DESIGN.md §4).</param>
/// <param name="Rss">Σ r² on the fit's own scale (raw or log loss).</param>
/// <param name="Reason">Why the status is not <see cref="FitStatus.Converged"/>, else null.</param>
public sealed record SurfaceFit(FitMethod Method, LossSurface Surface, double Objective, double Rss, FitStatus Status, string? Reason = null);
