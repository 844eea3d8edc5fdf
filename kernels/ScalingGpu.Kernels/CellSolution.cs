namespace ScalingGpu.Kernels;

/// <summary>Non-negative least-squares coefficients of one cell, in the cell's scaled units.</summary>
/// <remarks>
/// Flags are ints behind bool properties: ILGPU 1.5.3 fuses adjacent bool fields of a struct in local memory into one
/// <c>ld.local.v2.b8</c> into predicate registers, which is invalid PTX ("a PTX JIT compilation failed" on an H100;
/// reproduce with <c>bench ptx</c> and ptxas).
/// </remarks>
public struct CellSolution
{
    int clampedFlag, validFlag;

    /// <summary>Coefficients of 1, x1 and x2 (all ≥ 0).</summary>
    public double E, A, B;
    /// <summary>Weighted residual sum of squares from the sums (subject to cancellation; re-evaluate directly where it matters).</summary>
    public double Rss;
    /// <summary>True when at least one coefficient is held at 0 by the constraint.</summary>
    public bool Clamped { readonly get => clampedFlag != 0; set => clampedFlag = value ? 1 : 0; }
    /// <summary>False when no active set gave a usable solve (degenerate weights).</summary>
    public bool Valid { readonly get => validFlag != 0; set => validFlag = value ? 1 : 0; }
}
