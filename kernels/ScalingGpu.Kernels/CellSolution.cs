namespace ScalingGpu.Kernels;

/// <summary>Non-negative least-squares coefficients of one cell, in the cell's scaled units.</summary>
public struct CellSolution
{
    /// <summary>Coefficients of 1, x1 and x2 (all ≥ 0).</summary>
    public double E, A, B;
    /// <summary>Weighted residual sum of squares from the sums (subject to cancellation; re-evaluate directly where it matters).</summary>
    public double Rss;
    /// <summary>True when at least one coefficient is held at 0 by the constraint.</summary>
    public bool Clamped;
    /// <summary>False when no active set gave a usable solve (degenerate weights).</summary>
    public bool Valid;
}
