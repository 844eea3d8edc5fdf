namespace ScalingGpu.Kernels;

/// <summary>
/// Centred weighted sums of one (α, β) cell for the linear model t ≈ E + A·x1 + B·x2: Σw, the weighted means of x1, x2,
/// t, and the centred second moments. Built by <see cref="CellAccumulator"/> (over points) or <see cref="FromMoments"/>
/// (from sufficient statistics); solved by <see cref="NonNegativeSolve"/>.
/// </summary>
public struct CellSums
{
    /// <summary>Σw.</summary>
    public double W;
    /// <summary>Weighted means of x1, x2 and t.</summary>
    public double M1, M2, Mt;
    /// <summary>Centred sums Σw·(x1−m1)², Σw·(x2−m2)², Σw·(x1−m1)(x2−m2), Σw·(x1−m1)(t−mt), Σw·(x2−m2)(t−mt), Σw·(t−mt)².</summary>
    public double C11, C22, C12, C1t, C2t, Ctt;

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

/// <summary>
/// Accumulates a cell's sums point by point, shifted by the first weighted point (the "shifted data" algorithm): as
/// accurate as centring when the shift is near the mean, with no division per point (Welford's update divides).
/// </summary>
public struct CellAccumulator
{
    double k1, k2, kt, w, s1, s2, st, s11, s22, s12, s1t, s2t, stt;

    /// <summary>Adds one point with weight <paramref name="weight"/> (zero weights are skipped).</summary>
    public void Add(double weight, double x1, double x2, double t)
    {
        if (weight == 0) return;
        if (w == 0) { k1 = x1; k2 = x2; kt = t; }
        double d1 = x1 - k1, d2 = x2 - k2, dt = t - kt;
        double w1 = weight * d1, w2 = weight * d2;
        w += weight; s1 += w1; s2 += w2; st += weight * dt;
        s11 += w1 * d1; s22 += w2 * d2; s12 += w1 * d2; s1t += w1 * dt; s2t += w2 * dt; stt += weight * dt * dt;
    }

    /// <summary>The centred sums of the points added so far.</summary>
    public readonly CellSums Centre() => Centre(k1, k2, kt, w, s1, s2, st, s11, s22, s12, s1t, s2t, stt);

    /// <summary>Centred sums from sums of points shifted by (k1, k2, kt) (for vectorised accumulators that keep their own).</summary>
    public static CellSums Centre(double k1, double k2, double kt, double w, double s1, double s2, double st, double s11, double s22,
                                  double s12, double s1t, double s2t, double stt)
    {
        var sums = CellSums.FromMoments(w, s1, s2, st, s11, s22, s12, s1t, s2t, stt);
        sums.M1 += k1; sums.M2 += k2; sums.Mt += kt;   // centred moments are shift-invariant; means shift back
        return sums;
    }
}
