namespace ScalingGpu.Kernels;

/// <summary>
/// Weighted sums for one (α, β) cell of the linear model t ≈ E + A·x1 + B·x2:
/// Σw, Σw·x1, Σw·x2, Σw·t and the second moments. Centred moments are formed
/// from running means (Welford-style updates) so the 2×2 solves stay accurate in double.
/// </summary>
public struct CellSums
{
    /// <summary>Σw.</summary>
    public double W;
    /// <summary>Weighted means of x1, x2 and t.</summary>
    public double M1, M2, Mt;
    /// <summary>Centred sums Σw·(x1−m1)², Σw·(x2−m2)², Σw·(x1−m1)(x2−m2), Σw·(x1−m1)(t−mt), Σw·(x2−m2)(t−mt), Σw·(t−mt)².</summary>
    public double C11, C22, C12, C1t, C2t, Ctt;

    /// <summary>Adds one point with weight <paramref name="w"/> (zero weights are skipped).</summary>
    public void Add(double w, double x1, double x2, double t)
    {
        if (w == 0) return;
        double wNew = W + w;
        double d1 = x1 - M1, d2 = x2 - M2, dt = t - Mt;
        double f = w / wNew;
        M1 += f * d1; M2 += f * d2; Mt += f * dt;
        // Welford: Σw(x−m)(z−m') grows by w·(x − m_old)(z − m'_new).
        double e1 = x1 - M1, e2 = x2 - M2, et = t - Mt;
        C11 += w * d1 * e1; C22 += w * d2 * e2; C12 += w * d1 * e2;
        C1t += w * d1 * et; C2t += w * d2 * et; Ctt += w * dt * et;
        W = wNew;
    }

    /// <summary>Uncentred Σw·x1².</summary>
    public readonly double T11 => C11 + W * M1 * M1;
    /// <summary>Uncentred Σw·x2².</summary>
    public readonly double T22 => C22 + W * M2 * M2;
    /// <summary>Uncentred Σw·x1·x2.</summary>
    public readonly double T12 => C12 + W * M1 * M2;
    /// <summary>Uncentred Σw·x1·t.</summary>
    public readonly double T1t => C1t + W * M1 * Mt;
    /// <summary>Uncentred Σw·x2·t.</summary>
    public readonly double T2t => C2t + W * M2 * Mt;
    /// <summary>Uncentred Σw·t².</summary>
    public readonly double Ttt => Ctt + W * Mt * Mt;

    /// <summary>
    /// Sums of a cell from raw moments Σw, Σw·x1, Σw·x2, Σw·t, Σw·x1², Σw·x2², Σw·x1·x2, Σw·x1·t, Σw·x2·t, Σw·t²
    /// (the sufficient-statistics route). Centring here subtracts nearly equal numbers, so objectives from these sums
    /// are re-evaluated directly for the cells that matter.
    /// </summary>
    public static CellSums FromMoments(double w, double s1, double s2, double st, double s11, double s22, double s12,
                                       double s1t, double s2t, double stt)
    {
        var sums = new CellSums { W = w };
        if (!(w > 0)) return sums;
        sums.M1 = s1 / w; sums.M2 = s2 / w; sums.Mt = st / w;
        sums.C11 = s11 - s1 * sums.M1; sums.C22 = s22 - s2 * sums.M2; sums.C12 = s12 - s1 * sums.M2;
        sums.C1t = s1t - s1 * sums.Mt; sums.C2t = s2t - s2 * sums.Mt; sums.Ctt = stt - st * sums.Mt;
        return sums;
    }
}
