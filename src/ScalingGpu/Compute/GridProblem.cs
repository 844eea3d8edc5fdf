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
public sealed record GridProblem(double[] X1, double[] X2, double[] Y, double[] Weights, GridShape Shape)
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

    static void Check(long actual, long expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} values; the grid shape needs {expected}.", name);
    }
}
