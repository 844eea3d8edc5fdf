using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The points of one cell as slices of host arrays (the host twin of <see cref="ViewCellPoints"/>). Reads skip bounds
/// checks: the slices are validated once per grid (<see cref="GridProblem.Validate"/>) or built to size by the caller,
/// and these reads are the innermost loop of every host grid.
/// </summary>
internal readonly struct ArrayCellPoints : ICellPoints
{
    readonly double[] x1, x2, y, weights;
    readonly int x1Offset, x2Offset, yOffset, weightOffset;

    public ArrayCellPoints(double[] x1, int x1Offset, double[] x2, int x2Offset, double[] y, int yOffset, double[] weights, int weightOffset, int count)
    {
        if (Math.Min(Math.Min(x1Offset, x2Offset), Math.Min(yOffset, weightOffset)) < 0 || count < 0 || x1Offset + count > x1.Length
            || x2Offset + count > x2.Length || yOffset + count > y.Length || weightOffset + count > weights.Length)
            throw new ArgumentOutOfRangeException(nameof(count), "A cell slice runs past the end of its table.");
        (this.x1, this.x2, this.y, this.weights) = (x1, x2, y, weights);
        (this.x1Offset, this.x2Offset, this.yOffset, this.weightOffset, Count) = (x1Offset, x2Offset, yOffset, weightOffset, count);
    }

    public int Count { get; }
    public double Weight(int i) => At(weights, weightOffset + i);
    public double X1(int i) => At(x1, x1Offset + i);
    public double X2(int i) => At(x2, x2Offset + i);
    public double Y(int i) => At(y, yOffset + i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double At(double[] array, int index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);
}
