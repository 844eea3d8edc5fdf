using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScalingGpu.Compute;

/// <summary>
/// The cross terms Σ_i (w·x1)[a, i]·x2[b, i] of a 4 × 8 block of cells: a register-blocked matrix-product micro-kernel
/// (8 vector accumulators, two loads and four broadcasts per point), the host counterpart of a tiled GPU kernel.
/// </summary>
internal static class CrossProducts
{
    /// <summary>α rows per block.</summary>
    public const int Rows = 4;
    /// <summary>β columns per block (two 256-bit vectors).</summary>
    public const int Columns = 8;

    /// <summary>
    /// Writes the 4 × 8 cross sums (row-major) for α rows <paramref name="weightedX1"/>[0..4) (each <paramref name="n"/>
    /// long, contiguous) and β columns [b0, b0 + 8) of <paramref name="x2Transposed"/> [n × stride].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block(ReadOnlySpan<double> weightedX1, ReadOnlySpan<double> x2Transposed, int stride, int b0, int n, Span<double> result)
    {
        var c00 = Vector256<double>.Zero; var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero; var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero; var c31 = Vector256<double>.Zero;
        ref double a = ref Unsafe.AsRef(in weightedX1[0]);
        ref double x = ref Unsafe.AsRef(in x2Transposed[b0]);
        for (int i = 0; i < n; i++)
        {
            var v0 = Vector256.LoadUnsafe(ref x, (nuint)(i * stride));
            var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i * stride + 4));
            var a0 = Vector256.Create(Unsafe.Add(ref a, i));
            var a1 = Vector256.Create(Unsafe.Add(ref a, n + i));
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2 * n + i));
            var a3 = Vector256.Create(Unsafe.Add(ref a, 3 * n + i));
            c00 = Vector256.FusedMultiplyAdd(a0, v0, c00); c01 = Vector256.FusedMultiplyAdd(a0, v1, c01);
            c10 = Vector256.FusedMultiplyAdd(a1, v0, c10); c11 = Vector256.FusedMultiplyAdd(a1, v1, c11);
            c20 = Vector256.FusedMultiplyAdd(a2, v0, c20); c21 = Vector256.FusedMultiplyAdd(a2, v1, c21);
            c30 = Vector256.FusedMultiplyAdd(a3, v0, c30); c31 = Vector256.FusedMultiplyAdd(a3, v1, c31);
        }
        c00.CopyTo(result[0..]); c01.CopyTo(result[4..]);
        c10.CopyTo(result[8..]); c11.CopyTo(result[12..]);
        c20.CopyTo(result[16..]); c21.CopyTo(result[20..]);
        c30.CopyTo(result[24..]); c31.CopyTo(result[28..]);
    }
}
