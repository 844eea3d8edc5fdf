namespace ScalingGpu.Kernels;

/// <summary>
/// Exact non-negative least squares for three unknowns (E, A, B) by active-set enumeration:
/// the NNLS optimum is the unconstrained optimum on its support, so solving all 7 non-empty
/// supports (and the empty one) and keeping the best feasible one is exact (unlike clamp-and-drop).
/// </summary>
public static class NonNegativeSolve
{
    /// <summary>A 2×2 system whose determinant is below this fraction of C11·C22 is treated as singular.</summary>
    public const double SingularRatio = 1e-13;

    /// <summary>
    /// <see cref="MayBeat"/> bounds only cells whose determinant is at least this fraction of C11·C22 (x1 and x2 correlated
    /// below |ρ| ≈ 0.99995): the bound's rounding grows like ε·C11·C22/det, and beyond this it could exceed the callers'
    /// slack of 1e−10·Σw·y² and prune a nearly collinear cell the exact solve would keep. Such cells get the exact solve.
    /// </summary>
    public const double BoundRatio = 1e-4;

    /// <summary>
    /// What callers of <see cref="MayBeat"/> add to their threshold, in units of Σw·y²: covers the rounding of the bound and
    /// of the enumeration's RSS (both ~1e−16 of that scale times the conditioning, which <see cref="BoundRatio"/> caps), so
    /// the bound never prunes a cell the exact values would keep.
    /// </summary>
    public const double BoundSlack = 1e-10;

    /// <summary>Best feasible coefficients for the weighted sums <paramref name="s"/>.</summary>
    public static CellSolution Solve(in CellSums s) => Solve(s, 0);

    /// <summary>
    /// Minimiser over E, A, B ≥ 0 of the quadratic the sums describe, ranking supports by Ttt − bᵀθ and raising a value
    /// below <paramref name="rssFloor"/> to it. A real RSS is never negative, so least squares floors at 0 (a cancellation
    /// below zero is an exact fit and ties keep the first support); a Huber Newton model (<see cref="HuberNewton"/>),
    /// whose target moments are not those of real points, passes −∞ so that every support is ranked by its model value.
    /// </summary>
    public static CellSolution Solve(in CellSums s, double rssFloor)
    {
        var best = new CellSolution { Rss = double.PositiveInfinity };
        if (!(s.W > 0)) return best;

        // {E, A, B} first: centred 2×2 system.
        double det = s.C11 * s.C22 - s.C12 * s.C12;
        if (det > SingularRatio * s.C11 * s.C22)
        {
            double a = (s.C22 * s.C1t - s.C12 * s.C2t) / det;
            double b = (s.C11 * s.C2t - s.C12 * s.C1t) / det;
            Consider(ref best, rssFloor, s.Mt - a * s.M1 - b * s.M2, a, b, s.Ctt - a * s.C1t - b * s.C2t, false);
            // A feasible unconstrained optimum is the NNLS optimum (KKT); smaller supports cannot beat it.
            if (best.Valid) return best;
        }
        // {E}: always feasible when the targets are positive on average.
        Consider(ref best, rssFloor, s.Mt, 0, 0, s.Ctt, true);
        // {E, A} and {E, B}: centred one-variable slopes.
        if (s.C11 > 0)
        {
            double a = s.C1t / s.C11;
            Consider(ref best, rssFloor, s.Mt - a * s.M1, a, 0, s.Ctt - a * s.C1t, true);
        }
        if (s.C22 > 0)
        {
            double b = s.C2t / s.C22;
            Consider(ref best, rssFloor, s.Mt - b * s.M2, 0, b, s.Ctt - b * s.C2t, true);
        }
        // Supports without E: uncentred normal equations.
        double t11 = s.T11, t22 = s.T22, t12 = s.T12, t1t = s.T1t, t2t = s.T2t, ttt = s.Ttt;
        if (t11 > 0) { double a = t1t / t11; Consider(ref best, rssFloor, 0, a, 0, ttt - a * t1t, true); }
        if (t22 > 0) { double b = t2t / t22; Consider(ref best, rssFloor, 0, 0, b, ttt - b * t2t, true); }
        double detT = t11 * t22 - t12 * t12;
        if (detT > SingularRatio * t11 * t22)
        {
            double a = (t22 * t1t - t12 * t2t) / detT;
            double b = (t11 * t2t - t12 * t1t) / detT;
            Consider(ref best, rssFloor, 0, a, b, ttt - a * t1t - b * t2t, true);
        }
        // The empty support (all zero) is optimal only when every other one is infeasible (e.g. all targets ≤ 0).
        Consider(ref best, rssFloor, 0, 0, 0, ttt, true);
        return best;
    }

    /// <summary>
    /// False only when the cell's NNLS RSS must exceed <paramref name="threshold"/>: the unconstrained {E, A, B} RSS is a
    /// lower bound of every support's RSS, tested as (Ctt − threshold)·det &gt; explained, i.e. det·RSS_u &gt; det·threshold
    /// (no division; det &gt; 0 there; c1t², 2·c1t, ratio·c11 and Ctt − threshold are per-row constants). Without a
    /// well-conditioned unconstrained solve (det below <see cref="BoundRatio"/>·c11·c22, or NaN) it answers true, so the
    /// full enumeration decides.
    /// Centred sums as in <see cref="CellSums"/>. Vector twin: ScalingGpu.Compute.CellBounds.MayBeat (four cells per
    /// Vector256, same operations in the same order; tested equal).
    /// </summary>
    public static bool MayBeat(double c11, double c22, double c12, double c1t, double c2t, double ctt, double threshold)
    {
        double det = c11 * c22 - c12 * c12;
        if (!(det > BoundRatio * c11 * c22)) return true;
        double explained = c22 * (c1t * c1t) - c12 * (2 * c1t) * c2t + c11 * c2t * c2t;
        return !((ctt - threshold) * det > explained);
    }

    static void Consider(ref CellSolution best, double rssFloor, double e, double a, double b, double rss, bool clamped)
    {
        if (!(e >= 0) || !(a >= 0) || !(b >= 0)) return;
        if (rss < rssFloor) rss = rssFloor;
        if (!(rss < best.Rss)) return; // ties keep the support found first
        best.E = e; best.A = a; best.B = b; best.Rss = rss; best.Clamped = clamped; best.Valid = true;
    }
}
