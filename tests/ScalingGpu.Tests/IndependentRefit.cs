using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace ScalingGpu.Tests;

/// <summary>
/// A plain, slow VPNLS written only for tests, sharing no code with the tool: the CSV parsed by hand, every cell of an
/// (α, β) grid solved by <see cref="BruteForceNnls"/> (Householder QR over all 7 non-negative supports, as scipy's nnls
/// would answer with 3 unknowns), then Math.NET's Nelder–Mead on the profile RSS from the best cell.
/// </summary>
internal static class IndependentRefit
{
    /// <summary>The Llama 3 runs (N = C/(6D), D, loss, budget) read straight from the shipped CSV.</summary>
    public static (double[] N, double[] D, double[] Loss, double[] Budget) Llama3Csv()
    {
        var lines = File.ReadAllLines(TestData.PathOf("llama3_isoflops.csv")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        string[] header = lines[0].Split(',');
        int c = Array.IndexOf(header, "compute_budget"), d = Array.IndexOf(header, "training_tokens"), l = Array.IndexOf(header, "validation_loss");
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        double V(string[] row, int k) => double.Parse(row[k], CultureInfo.InvariantCulture);
        double[] budget = rows.Select(r => V(r, c)).ToArray(), tokens = rows.Select(r => V(r, d)).ToArray();
        return (budget.Zip(tokens, (b, t) => b / (6 * t)).ToArray(), tokens, rows.Select(r => V(r, l)).ToArray(), budget);
    }

    /// <summary>(E, A, B, α, β, RSS) minimising Σ (L − E − A·N^−α − B·D^−β)² with E, A, B ≥ 0.</summary>
    public static (double E, double A, double B, double Alpha, double Beta, double Rss) Fit(double[] n, double[] d, double[] loss, double step)
    {
        double[] ones = Enumerable.Repeat(1.0, loss.Length).ToArray();
        (double E, double A, double B, double Rss) Cell(double alpha, double beta) =>
            BruteForceNnls.Solve(n.Select(v => Math.Pow(v, -alpha)).ToArray(), d.Select(v => Math.Pow(v, -beta)).ToArray(), loss, ones);
        int cells = (int)Math.Floor((0.99 - 0.01) / step + 1e-9) + 1;
        var best = (Alpha: 0.0, Beta: 0.0, Rss: double.PositiveInfinity);
        for (int i = 0; i < cells; i++)
            for (int j = 0; j < cells; j++)
            {
                double alpha = 0.01 + i * step, beta = 0.01 + j * step, rss = Cell(alpha, beta).Rss;
                if (rss < best.Rss) best = (alpha, beta, rss);
            }
        var objective = ObjectiveFunction.Value(p => Cell(p[0], p[1]).Rss);
        var result = new NelderMeadSimplex(1e-15, 20_000).FindMinimum(objective,
            Vector<double>.Build.Dense([best.Alpha, best.Beta]), Vector<double>.Build.Dense([step / 2, step / 2]));
        double a = result.MinimizingPoint[0], b = result.MinimizingPoint[1];
        var fit = Cell(a, b);
        return (fit.E, fit.A, fit.B, a, b, fit.Rss);
    }
}
