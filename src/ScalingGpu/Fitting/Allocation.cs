using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>A method's compute-optimal plan at one budget: N*, D* and (for surface fits) the loss L* it reaches.</summary>
/// <param name="Compute">Budget C, FLOPs.</param>
/// <param name="OptimalParams">N*(C), parameters (NaN when undefined).</param>
/// <param name="OptimalTokens">D*(C), tokens (NaN when undefined).</param>
/// <param name="OptimalLoss">L*(C) (NaN for Approach 2, which has no loss model).</param>
public sealed record Allocation(FitMethod Method, double Compute, double OptimalParams, double OptimalTokens, double OptimalLoss)
{
    /// <summary>The allocation of a fitted surface; NaN when A or B is 0 (no interior optimum).</summary>
    public static Allocation Of(SurfaceFit fit, double compute) => Of(fit.Method, fit.Surface, compute);

    /// <summary>The closed-form allocation of surface <paramref name="s"/> (a fitted or a true one); NaN when A or B is 0.</summary>
    public static Allocation Of(FitMethod method, LossSurface s, double compute) => s.HasAllocation
        ? new(method, compute, s.OptimalParams(compute), s.OptimalTokens(compute), s.OptimalLoss(compute))
        : new(method, compute, double.NaN, double.NaN, double.NaN);

    /// <summary>Approach 2's plan: D̂ from its token law and N̂ = C/(6·D̂), as the paper does.</summary>
    public static Allocation Of(Approach2Fit fit, double compute)
    {
        double tokens = fit.OptimalTokens(compute);
        return new(FitMethod.Approach2, compute, compute / (ComputeModel.FlopsPerTokenParam * tokens), tokens, double.NaN);
    }
}
