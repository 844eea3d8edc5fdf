using MathNet.Numerics.LinearAlgebra;

namespace ScalingGpu.Tests;

/// <summary>
/// Independent reference for the 3-variable NNLS: every one of the 7 non-empty supports solved by Householder QR on the
/// √w-scaled design (no normal equations), residuals summed directly, best feasible support kept.
/// </summary>
internal static class BruteForceNnls
{
    public static (double E, double A, double B, double Rss) Solve(double[] x1, double[] x2, double[] y, double[] w)
    {
        var best = (E: 0.0, A: 0.0, B: 0.0, Rss: y.Select((v, i) => w[i] * v * v).Sum());   // the empty support
        for (int mask = 1; mask < 8; mask++)
        {
            var columns = new List<Func<int, double>>();
            if ((mask & 1) != 0) columns.Add(_ => 1.0);
            if ((mask & 2) != 0) columns.Add(i => x1[i]);
            if ((mask & 4) != 0) columns.Add(i => x2[i]);
            var X = Matrix<double>.Build.Dense(y.Length, columns.Count, (i, j) => Math.Sqrt(w[i]) * columns[j](i));
            var t = Vector<double>.Build.Dense(y.Length, i => Math.Sqrt(w[i]) * y[i]);
            var c = X.QR().Solve(t);
            double[] coef = new double[3];
            for (int k = 0, j = 0; k < 3; k++) if ((mask & (1 << k)) != 0) coef[k] = c[j++];
            if (coef.Any(v => v < 0)) continue;
            double rss = 0;
            for (int i = 0; i < y.Length; i++)
            {
                double r = y[i] - coef[0] - coef[1] * x1[i] - coef[2] * x2[i];
                rss += w[i] * r * r;
            }
            if (rss < best.Rss) best = (coef[0], coef[1], coef[2], rss);
        }
        return best;
    }
}
