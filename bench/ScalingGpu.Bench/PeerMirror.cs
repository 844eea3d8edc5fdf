namespace ScalingGpu.Bench;

/// <summary>
/// The baseline: a plain single-thread C# loop mirroring the peer (Open-Athena/vpnls, a Cython grid): for every cell it
/// exponentiates every point (N^−α, D^−β), forms the 3 × 3 normal equations, solves them, and clamps negative
/// coefficients by dropping them and re-solving (clamp-and-drop, not exact NNLS). Huber runs IRLS on the same cell tables.
/// </summary>
internal static class PeerMirror
{
    /// <summary>Best cell of the grid: (α index, β index, objective).</summary>
    public static (int A, int B, double Objective) Grid(double[] logN, double[] logD, double[] y, double[] alphas, double[] betas, double huberDelta = 0)
    {
        int n = y.Length;
        var x1 = new double[n];
        var x2 = new double[n];
        var w = new double[n];
        (int, int, double) best = (-1, -1, double.PositiveInfinity);
        for (int a = 0; a < alphas.Length; a++)
            for (int b = 0; b < betas.Length; b++)
            {
                for (int i = 0; i < n; i++) { x1[i] = Math.Exp(-alphas[a] * logN[i]); x2[i] = Math.Exp(-betas[b] * logD[i]); w[i] = 1; }
                double[] c = Solve(x1, x2, y, w);
                double objective = Objective(c, x1, x2, y, huberDelta);
                // Huber: IRLS to the same tolerance as ScalingGpu's cells (relative change 1e−13, at most 500 steps).
                for (int it = 0; huberDelta > 0 && it < 500; it++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        double r = Math.Abs(y[i] - c[0] - c[1] * x1[i] - c[2] * x2[i]);
                        w[i] = r <= huberDelta ? 1 : huberDelta / r;
                    }
                    c = Solve(x1, x2, y, w);
                    double next = Objective(c, x1, x2, y, huberDelta);
                    bool done = objective - next <= 1e-13 * next;
                    objective = Math.Min(objective, next);
                    if (done) break;
                }
                if (objective < best.Item3) best = (a, b, objective);
            }
        return best;
    }

    // Normal equations on the active columns; a negative coefficient is dropped and the rest re-solved.
    static double[] Solve(double[] x1, double[] x2, double[] y, double[] w)
    {
        bool[] active = [true, true, true];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var m = new double[3, 3];
            var rhs = new double[3];
            for (int i = 0; i < y.Length; i++)
            {
                double[] row = [1, x1[i], x2[i]];
                for (int j = 0; j < 3; j++)
                {
                    if (!active[j]) continue;
                    rhs[j] += w[i] * row[j] * y[i];
                    for (int k = 0; k < 3; k++) if (active[k]) m[j, k] += w[i] * row[j] * row[k];
                }
            }
            for (int j = 0; j < 3; j++) if (!active[j]) { m[j, j] = 1; rhs[j] = 0; }
            double[] c = Gauss(m, rhs);
            int negative = Array.FindIndex(c, v => v < 0);
            if (negative < 0) return c;
            active[negative] = false;
        }
        return [0, 0, 0];
    }

    static double[] Gauss(double[,] m, double[] rhs)
    {
        for (int p = 0; p < 3; p++)
            for (int r = p + 1; r < 3; r++)
            {
                double f = m[r, p] / m[p, p];
                for (int k = p; k < 3; k++) m[r, k] -= f * m[p, k];
                rhs[r] -= f * rhs[p];
            }
        var c = new double[3];
        for (int p = 2; p >= 0; p--)
        {
            double s = rhs[p];
            for (int k = p + 1; k < 3; k++) s -= m[p, k] * c[k];
            c[p] = s / m[p, p];
        }
        return c;
    }

    static double Objective(double[] c, double[] x1, double[] x2, double[] y, double delta)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = y[i] - c[0] - c[1] * x1[i] - c[2] * x2[i];
            total += delta > 0 ? (Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta)) : r * r;
        }
        return total;
    }
}
