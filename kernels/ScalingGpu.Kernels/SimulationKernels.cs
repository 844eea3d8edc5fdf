using ILGPU;
using ILGPU.Runtime;

namespace ScalingGpu.Kernels;

/// <summary>A loss surface and a noise level for simulation; copied to devices by value.</summary>
public readonly struct SimulationShape(double e, double a, double b, double alpha, double beta, double noise, ulong seed,
                                       long firstReplicateKey, int pointCount, int replicateCount)
{
    /// <summary>Surface parameters of L = E + A·N^−α + B·D^−β.</summary>
    public readonly double E = e, A = a, B = b, Alpha = alpha, Beta = beta;
    /// <summary>Gaussian σ on the loss.</summary>
    public readonly double Noise = noise;
    /// <summary>Generator key.</summary>
    public readonly ulong Seed = seed;
    /// <summary>Generator counter of the first replicate of this batch (unique per design and replicate).</summary>
    public readonly long FirstReplicateKey = firstReplicateKey;
    /// <summary>Sizes.</summary>
    public readonly int PointCount = pointCount, ReplicateCount = replicateCount;
}

/// <summary>Simulated losses: the true surface at each design point plus counter-based Gaussian noise, kept positive.</summary>
public static class SimulationKernels
{
    /// <summary>RNG stream of simulation noise (resampling uses another, so the two never share numbers).</summary>
    public const uint NoiseStream = 2;

    /// <summary>L = E + A·N^−α + B·D^−β (the one definition; <c>LossSurface.Loss</c> calls it).</summary>
    public static double SurfaceLoss(double e, double a, double b, double alpha, double beta, double parameters, double tokens) =>
        e + a * Math.Pow(parameters, -alpha) + b * Math.Pow(tokens, -beta);

    /// <summary>Draws of noise per point before giving up on a positive loss (see <see cref="Loss"/>).</summary>
    public const int MaxNoiseDraws = 64;

    /// <summary>
    /// The simulated loss of point <paramref name="point"/> in replicate <paramref name="replicate"/> of the batch: the
    /// true loss plus Gaussian noise, redrawn (draw k uses counter point + k·PointCount, which no other point uses) while
    /// it would make the loss ≤ 0, since a run cannot have a non-positive loss and log-space fits need positive ones. The
    /// noise is so a Gaussian truncated at −loss; a draw that needs no redraw is the plain Gaussian one. With a positive
    /// true loss each draw succeeds with probability above 1/2, so all <see cref="MaxNoiseDraws"/> fail with probability
    /// below 2^−64 (the true loss is returned then).
    /// </summary>
    public static double Loss(in SimulationShape s, double parameters, double tokens, int replicate, int point)
    {
        double loss = SurfaceLoss(s.E, s.A, s.B, s.Alpha, s.Beta, parameters, tokens);
        if (s.Noise <= 0) return loss;
        for (int draw = 0; draw < MaxNoiseDraws; draw++)
        {
            double noisy = loss + s.Noise * Philox.Normal(s.Seed, s.FirstReplicateKey + replicate, point + (long)draw * s.PointCount, NoiseStream);
            if (noisy > 0) return noisy;
        }
        return loss;
    }

    /// <summary>Grid-stride over [ReplicateCount × PointCount] items.</summary>
    /// <param name="parameters">[PointCount] N of the design.</param>
    /// <param name="tokens">[PointCount] D of the design.</param>
    /// <param name="losses">[ReplicateCount × PointCount] output.</param>
    public static void NoisyLosses(ArrayView<double> parameters, ArrayView<double> tokens, ArrayView<double> losses, SimulationShape shape)
    {
        long items = (long)shape.ReplicateCount * shape.PointCount, stride = (long)Grid.DimX * Group.DimX;
        for (long item = Grid.GlobalIndex.X; item < items; item += stride)
        {
            int r = (int)(item / shape.PointCount), i = (int)(item % shape.PointCount);
            losses[item] = Loss(shape, parameters[i], tokens[i], r, i);
        }
    }
}
