using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>The points of one cell as slices of host arrays (the host twin of <see cref="ViewCellPoints"/>).</summary>
internal readonly struct ArrayCellPoints(double[] x1, int x1Offset, double[] x2, int x2Offset, double[] y, double[] weights, int weightOffset) : ICellPoints
{
    public int Count => y.Length;
    public double Weight(int i) => weights[weightOffset + i];
    public double X1(int i) => x1[x1Offset + i];
    public double X2(int i) => x2[x2Offset + i];
    public double Y(int i) => y[i];
}
