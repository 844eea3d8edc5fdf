using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>Sizes of a resampling plan; copied to devices by value.</summary>
public readonly struct ResampleShape(int strataCount, int unitCount, int pointCount, long firstResample, int resampleCount, ulong seed)
{
    /// <summary>Plan sizes.</summary>
    public readonly int StrataCount = strataCount, UnitCount = unitCount, PointCount = pointCount, ResampleCount = resampleCount;
    /// <summary>Global index of the first resample of this batch (the RNG counter, so batches and shards agree).</summary>
    public readonly long FirstResample = firstResample;
    /// <summary>Generator key.</summary>
    public readonly ulong Seed = seed;
}

/// <summary>
/// Bootstrap multiplicities: every stratum draws as many units as it has, uniformly with replacement, and each drawn
/// unit adds 1 to the weight of each of its points. Points (one stratum of single-point units), within-budget
/// (a stratum per budget) and budgets (one stratum of whole-curve units) are all this one rule.
/// </summary>
public static class ResampleKernels
{
    /// <summary>RNG stream of resampling draws (others are reserved for simulation noise).</summary>
    public const uint ResampleStream = 1;

    /// <summary>The unit chosen by draw <paramref name="draw"/> (global draw index) from a stratum of units [start, start + count).</summary>
    public static int DrawUnit(ulong seed, long resample, int draw, int start, int count) =>
        start + Math.Min(count - 1, (int)(Philox.Uniform(seed, resample, draw, ResampleStream) * count));

    /// <summary>One thread per resample (grid-stride): writes its multiplicity row.</summary>
    /// <param name="strata">[StrataCount × 2] first unit and unit count of each stratum.</param>
    /// <param name="units">[UnitCount × 2] first member and member count of each unit.</param>
    /// <param name="members">[members] point index of each unit member.</param>
    /// <param name="weights">[ResampleCount × PointCount] output multiplicities.</param>
    public static void Multiplicities(ArrayView<int> strata, ArrayView<int> units, ArrayView<int> members, ArrayView<double> weights, ResampleShape shape)
    {
        long stride = (long)Grid.DimX * Group.DimX;
        for (long r = Grid.GlobalIndex.X; r < shape.ResampleCount; r += stride)
        {
            long row = r * shape.PointCount;
            for (int i = 0; i < shape.PointCount; i++) weights[row + i] = 0;
            for (int s = 0; s < shape.StrataCount; s++)
            {
                int start = strata[2 * s], count = strata[2 * s + 1];
                for (int j = 0; j < count; j++)
                {
                    int unit = DrawUnit(shape.Seed, shape.FirstResample + r, start + j, start, count);
                    int first = units[2 * unit], size = units[2 * unit + 1];
                    for (int m = 0; m < size; m++) weights[row + members[first + m]] += 1;
                }
            }
        }
    }
}
