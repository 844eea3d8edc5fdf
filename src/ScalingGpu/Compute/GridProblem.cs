using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// One batch of grid work: the x1/x2 tables of the (α, β) grid, and per resample (or simulated replicate of one design)
/// a row of observed values and a row of weights.
/// </summary>
/// <param name="X1">[AlphaCount × PointCount] (N_i/N_ref)^−α.</param>
/// <param name="X2">[BetaCount × PointCount] (D_i/D_ref)^−β.</param>
/// <param name="Y">[ResampleCount × PointCount] loss on the fit scale (bootstrap rows repeat the data).</param>
/// <param name="Weights">[ResampleCount × PointCount] multiplicities.</param>
internal sealed record GridProblem(double[] X1, double[] X2, double[] Y, double[] Weights, GridShape Shape)
{
    /// <summary>Checks that every array matches <see cref="Shape"/> (kernels cannot throw, so this runs before a launch).</summary>
    /// <exception cref="ArgumentException">An array has the wrong length.</exception>
    public void Validate()
    {
        Check(X1.Length, (long)Shape.AlphaCount * Shape.PointCount, nameof(X1));
        Check(X2.Length, (long)Shape.BetaCount * Shape.PointCount, nameof(X2));
        Check(Y.Length, (long)Shape.ResampleCount * Shape.PointCount, nameof(Y));
        Check(Weights.Length, (long)Shape.ResampleCount * Shape.PointCount, nameof(Weights));
    }

    /// <summary>Checks a shortlist request against <see cref="Shape"/> (see <see cref="IComputeDevice.SmallestCells"/>).</summary>
    /// <exception cref="ArgumentException">The problem is invalid, an output has the wrong length, or a resample has too many cells.</exception>
    public void ValidateShortlist(int length, int[] cells, double[] values)
    {
        Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (Shape.CellsPerResample > int.MaxValue)
            throw new ArgumentException($"{Shape.CellsPerResample} cells per resample; a shortlist indexes at most {int.MaxValue} (split the α range).", nameof(cells));
        Check(cells.Length, (long)Shape.ResampleCount * length, nameof(cells));
        Check(values.Length, (long)Shape.ResampleCount * length, nameof(values));
    }

    static void Check(long actual, long expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} values; the grid shape needs {expected}.", name);
    }
}
