using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ScalingGpu.Compute;

/// <summary>
/// The cross terms Σ_i (w·x1)[a, i]·x2[b, i] of a 6 × 8 block of cells: a register-blocked matrix-product micro-kernel
/// (12 vector accumulators, two loads and six broadcasts per point: 15 of the 16 AVX2 registers), the host counterpart
/// of a tiled GPU kernel. Each cell's sum runs over the points in order whatever the block shape, so reshaping the block
/// never changes a result.
/// </summary>
internal static class CrossProducts
{
    /// <summary>α rows per block.</summary>
    public const int Rows = 6;
    /// <summary>β columns per block (two 256-bit vectors).</summary>
    public const int Columns = 8;

    /// <summary>
    /// Writes the 6 × 8 cross sums (row-major) for α rows <paramref name="weightedX1"/>[0..6) (each <paramref name="n"/>
    /// long, contiguous) and β columns [b0, b0 + 8) of <paramref name="x2Transposed"/> [n × stride].
    /// </summary>
    // Not AggressiveOptimization: ReadyToRun never precompiles such methods, so every start would jit this one with full
    // optimisation (several ms of a 0.1 s CLI fit); precompiled (AVX2) code is used instead and tiering re-jits it when hot.
    public static void Block(ReadOnlySpan<double> weightedX1, ReadOnlySpan<double> x2Transposed, int stride, int b0, int n, Span<double> result)
    {
        var c00 = Vector256<double>.Zero; var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero; var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero; var c31 = Vector256<double>.Zero;
        var c40 = Vector256<double>.Zero; var c41 = Vector256<double>.Zero;
        var c50 = Vector256<double>.Zero; var c51 = Vector256<double>.Zero;
        if (weightedX1.Length < Rows * n || result.Length < Rows * Columns || x2Transposed.Length < (n - 1) * stride + b0 + Columns)
            throw new ArgumentException("Spans too short for a 6 × 8 block.");
        ref double a = ref Unsafe.AsRef(in weightedX1[0]);
        ref double x = ref Unsafe.AsRef(in x2Transposed[b0]);
        for (int i = 0; i < n; i++)
        {
            var v0 = Vector256.LoadUnsafe(ref x, (nuint)(i * stride));
            var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i * stride + 4));
            var a0 = Vector256.Create(Unsafe.Add(ref a, i));
            c00 = Vector256.FusedMultiplyAdd(a0, v0, c00); c01 = Vector256.FusedMultiplyAdd(a0, v1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref a, n + i));
            c10 = Vector256.FusedMultiplyAdd(a1, v0, c10); c11 = Vector256.FusedMultiplyAdd(a1, v1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2 * n + i));
            c20 = Vector256.FusedMultiplyAdd(a2, v0, c20); c21 = Vector256.FusedMultiplyAdd(a2, v1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref a, 3 * n + i));
            c30 = Vector256.FusedMultiplyAdd(a3, v0, c30); c31 = Vector256.FusedMultiplyAdd(a3, v1, c31);
            var a4 = Vector256.Create(Unsafe.Add(ref a, 4 * n + i));
            c40 = Vector256.FusedMultiplyAdd(a4, v0, c40); c41 = Vector256.FusedMultiplyAdd(a4, v1, c41);
            var a5 = Vector256.Create(Unsafe.Add(ref a, 5 * n + i));
            c50 = Vector256.FusedMultiplyAdd(a5, v0, c50); c51 = Vector256.FusedMultiplyAdd(a5, v1, c51);
        }
        c00.CopyTo(result[0..]); c01.CopyTo(result[4..]);
        c10.CopyTo(result[8..]); c11.CopyTo(result[12..]);
        c20.CopyTo(result[16..]); c21.CopyTo(result[20..]);
        c30.CopyTo(result[24..]); c31.CopyTo(result[28..]);
        c40.CopyTo(result[32..]); c41.CopyTo(result[36..]);
        c50.CopyTo(result[40..]); c51.CopyTo(result[44..]);
    }
}
