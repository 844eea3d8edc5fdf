using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>The exact non-negative solve against a brute-force QR over all supports, and on a surface whose unconstrained E is negative.</summary>
public sealed class NonNegativeSolveTests
{
    [Fact]
    public void RandomCells_ChooseTheSameSupportAsBruteForce()
    {
        var random = new Random(20261124);
        int clampedCases = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            int n = 6 + random.Next(30);
            double[] x1 = Fill(n, () => Math.Exp(random.NextDouble() * 3 - 1.5));
            double[] x2 = Fill(n, () => Math.Exp(random.NextDouble() * 3 - 1.5));
            double[] w = Fill(n, () => random.Next(4));
            w[0] = w[1] = w[2] = 1;
            // True coefficients of either sign, so that every kind of support is optimal somewhere.
            double e = random.NextDouble() * 2 - 1, a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            double[] y = Enumerable.Range(0, n).Select(i => e + a * x1[i] + b * x2[i] + 0.1 * (random.NextDouble() - 0.5)).ToArray();

            var reference = BruteForceNnls.Solve(x1, x2, y, w);
            CellResult cell = CellObjective.Evaluate(new ArrayCellPoints(x1, 0, x2, 0, y, 0, w, 0, n), CellObjectiveSpec.Mse);
            if (cell.Clamped) clampedCases++;
            AssertRel.Equal(reference.Rss, cell.Rss, 1e-9, $"trial {trial} RSS");
            AssertRel.Near(reference.E, cell.E, 1e-7, $"trial {trial} E");
            AssertRel.Near(reference.A, cell.A, 1e-7, $"trial {trial} A");
            AssertRel.Near(reference.B, cell.B, 1e-7, $"trial {trial} B");
        }
        Assert.True(clampedCases > 100, $"only {clampedCases} of 500 cells exercised the constraint");
    }

    [Fact]
    public void NegativeTrueE_IsHeldAtExactlyZero_WithConsistentRss()
    {
        var truth = new LossSurface(-0.05, 500, 500, 0.4, 0.3);
        RunTable clean = new IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10).Sample(truth);
        var random = new Random(7);
        double[] noisy = clean.Loss.Select(l => l + 0.02 * Gaussian(random)).ToArray();
        RunTable runs = RunTable.FromArrays(clean.Params, clean.Tokens, noisy, clean.Budget);

        SurfaceFit fit = VarPro.Fit(runs, VarProOptions.Default with { GridStep = 0.005 }, new HostDevice());

        Assert.Equal(0.0, fit.Surface.E);
        Assert.Equal(FitStatus.BoundHit, fit.Status);
        double rss = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            double r = runs.Loss[i] - fit.Surface.Loss(runs.Params[i], runs.Tokens[i]);
            rss += r * r;
        }
        AssertRel.Equal(rss, fit.Rss, 1e-9, "RSS recomputed from the returned parameters");
    }

    static double[] Fill(int n, Func<double> next) => Enumerable.Range(0, n).Select(_ => next()).ToArray();

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
