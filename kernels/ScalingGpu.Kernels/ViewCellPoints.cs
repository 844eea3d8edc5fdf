using ILGPU;

namespace ScalingGpu.Kernels;

/// <summary>The points of one cell as strided slices of device views.</summary>
public readonly struct ViewCellPoints(ArrayView<double> x1, long x1Offset, ArrayView<double> x2, long x2Offset,
                                     ArrayView<double> y, long yOffset, ArrayView<double> weights, long weightOffset, int count) : ICellPoints
{
    readonly ArrayView<double> x1 = x1, x2 = x2, y = y, weights = weights;
    readonly long x1Offset = x1Offset, x2Offset = x2Offset, yOffset = yOffset, weightOffset = weightOffset;
    /// <inheritdoc/>
    public int Count { get; } = count;
    /// <inheritdoc/>
    public double Weight(int i) => weights[weightOffset + i];
    /// <inheritdoc/>
    public double X1(int i) => x1[x1Offset + i];
    /// <inheritdoc/>
    public double X2(int i) => x2[x2Offset + i];
    /// <inheritdoc/>
    public double Y(int i) => y[yOffset + i];
}
