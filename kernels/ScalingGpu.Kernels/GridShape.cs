namespace ScalingGpu.Kernels;

/// <summary>Sizes of one grid launch; copied to the device by value, so plain fields only.</summary>
public readonly struct GridShape(int alphaCount, int betaCount, int pointCount, int resampleCount)
{
    /// <summary>Grid sizes and problem sizes.</summary>
    public readonly int AlphaCount = alphaCount, BetaCount = betaCount, PointCount = pointCount, ResampleCount = resampleCount;
    /// <summary>Cells per resample.</summary>
    public long CellsPerResample => (long)AlphaCount * BetaCount;
    /// <summary>All (resample, α, β) cells of the launch.</summary>
    public long WorkItems => (long)ResampleCount * AlphaCount * BetaCount;
}
