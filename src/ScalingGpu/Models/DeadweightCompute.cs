namespace ScalingGpu.Models;

/// <summary>
/// Deadweight compute loss (DESIGN.md §1) of a plan (N̂, D̂) at budget C against a reference surface S:
/// L̂ = S(N̂, D̂), C_eq = S.C(L̂) (the compute at which S's optimal allocation reaches L̂), DCL = C − C_eq.
/// </summary>
internal static class DeadweightCompute
{
    /// <summary>DCL in FLOPs; NaN when the plan or the reference's allocation is undefined.</summary>
    public static double Flops(LossSurface reference, double compute, double planParams, double planTokens)
    {
        if (!reference.HasAllocation || !(planParams > 0) || !(planTokens > 0)) return double.NaN;
        double loss = reference.Loss(planParams, planTokens);
        return compute - reference.ComputeForLoss(loss);
    }

    /// <summary>DCL as a percentage of C.</summary>
    public static double Percent(LossSurface reference, double compute, double planParams, double planTokens) =>
        100 * Flops(reference, compute, planParams, planTokens) / compute;
}
