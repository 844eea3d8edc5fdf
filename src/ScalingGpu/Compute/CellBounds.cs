using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>Vector-lane twin of <see cref="NonNegativeSolve.MayBeat"/>: four cells of one α row per call.</summary>
internal static class CellBounds
{
    /// <summary>
    /// All-ones lanes where <see cref="NonNegativeSolve.MayBeat"/> would answer true for (c11, c22[lane], c12[lane], c1t,
    /// c2t[lane], ctt, threshold): the same operations in the same order, so each lane equals the scalar answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MayBeat(double c11, Vector256<double> c22, Vector256<double> c12, double c1t, Vector256<double> c2t,
                                            double ctt, double threshold)
    {
        var v11 = Vector256.Create(c11);
        var det = v11 * c22 - c12 * c12;
        var solvable = Vector256.GreaterThan(det, Vector256.Create(NonNegativeSolve.BoundRatio * c11) * c22);
        var explained = c22 * Vector256.Create(c1t * c1t) - c12 * Vector256.Create(2 * c1t) * c2t + v11 * c2t * c2t;
        var exceeds = Vector256.GreaterThan(Vector256.Create(ctt - threshold) * det, explained);
        return ~(solvable & exceeds);
    }
}
