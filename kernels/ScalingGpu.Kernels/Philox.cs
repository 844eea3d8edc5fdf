namespace ScalingGpu.Kernels;

/// <summary>
/// Philox-4x32-10 (Salmon et al., "Parallel Random Numbers: As Easy as 1, 2, 3", SC11): a counter-based generator,
/// so a random number is a pure function of (key, counter) and every device, thread count and batch size draws the
/// same numbers. Verified against the Random123 known-answer vectors.
/// </summary>
public static class Philox
{
    const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>The 4 output words for counter (c0..c3) and key (k0, k1).</summary>
    public static (uint, uint, uint, uint) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; k1 += W1; }
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0, hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0; c1 = lo1; c2 = hi0 ^ c3 ^ k1; c3 = lo0;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>
    /// A uniform double in [0, 1) with 53 random bits for draw <paramref name="draw"/> of resample
    /// <paramref name="resample"/> in stream <paramref name="stream"/> under <paramref name="seed"/>.
    /// </summary>
    public static double Uniform(ulong seed, long resample, long draw, uint stream)
    {
        var (x0, x1, _, _) = Block((uint)draw, (uint)((ulong)draw >> 32), (uint)resample, ((uint)((ulong)resample >> 32) & 0xFFFF) | (stream << 16),
                                   (uint)seed, (uint)(seed >> 32));
        return ((x0 >> 5) * 67108864.0 + (x1 >> 6)) * (1.0 / 9007199254740992.0);
    }

    /// <summary>A standard normal variate (Box–Muller on two uniforms of the same counter family).</summary>
    public static double Normal(ulong seed, long resample, long draw, uint stream)
    {
        double u1 = Uniform(seed, resample, 2 * draw, stream), u2 = Uniform(seed, resample, 2 * draw + 1, stream);
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
