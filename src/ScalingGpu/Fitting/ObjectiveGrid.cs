namespace ScalingGpu.Fitting;

/// <summary>The VPNLS objective over a coarse (α, β) grid, α-major: <c>Objective[i·Betas.Length + j]</c> is at (Alphas[i], Betas[j]).</summary>
public sealed record ObjectiveGrid(double[] Alphas, double[] Betas, double[] Objective)
{
    /// <summary>Most cells per axis of the heatmap grid (DESIGN.md §4: at most ~200² cells).</summary>
    public const int MaxPerAxis = 200;
}
