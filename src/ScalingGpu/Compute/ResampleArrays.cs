using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// A resampling rule as the plain arrays <see cref="ResampleKernels.Multiplicities"/> reads: strata of units, units of
/// points. Devices take this, not a bootstrap type, so Compute stays below Bootstrap in the layering.
/// </summary>
/// <param name="Strata">[strata × 2] first unit and unit count.</param>
/// <param name="Units">[units × 2] first member and member count.</param>
/// <param name="Members">Point indices of unit members, unit by unit.</param>
/// <param name="PointCount">Points per weight row.</param>
internal sealed record ResampleArrays(int[] Strata, int[] Units, int[] Members, int PointCount)
{
    /// <summary>Number of resampling units.</summary>
    public int UnitCount => Units.Length / 2;

    /// <summary>Host implementation of <see cref="ResampleKernels.Multiplicities"/>: rows [first, first + count) into <paramref name="weights"/>.</summary>
    public void HostMultiplicities(ulong seed, long first, int count, double[] weights)
    {
        int n = PointCount;
        Parallel.For(0, count, r =>
        {
            Span<double> row = weights.AsSpan(r * n, n);
            row.Clear();
            for (int s = 0; s < Strata.Length / 2; s++)
            {
                int start = Strata[2 * s], size = Strata[2 * s + 1];
                for (int j = 0; j < size; j++)
                {
                    int unit = ResampleKernels.DrawUnit(seed, first + r, start + j, start, size);
                    for (int m = 0; m < Units[2 * unit + 1]; m++) row[Members[Units[2 * unit] + m]] += 1;
                }
            }
        });
    }
}
