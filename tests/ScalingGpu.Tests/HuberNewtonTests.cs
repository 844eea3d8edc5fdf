using System.Runtime.Intrinsics;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;

namespace ScalingGpu.Tests;

/// <summary>
/// The Huber cell solve (semismooth Newton, <see cref="HuberNewton"/>) against plain IRLS run to convergence, the
/// independent reference: weights w·min(1, δ/|r|), each weighted NNLS by QR over every support
/// (<see cref="BruteForceNnls"/>), until the objective moves by less than 1e−15 relative.
/// </summary>
public sealed class HuberNewtonTests
{
    [Theory]
    [InlineData(50, 0.001)]
    [InlineData(51, 0.01)]
    [InlineData(52, 0.05)]
    public void EveryCell_EqualsIrlsRunToConvergence(int seed, double delta)
    {
        GridProblem problem = GridKernelTests.RandomProblem(seed, out _, out _);
        AssertEveryCellMatchesIrls(problem, delta);
    }

    [Fact]
    public void Llama3Cells_AtTheBenchDelta_EqualIrlsRunToConvergence()
    {
        // W3's setting (δ = 1e−3 on raw loss: most points are outliers away from the best cells) on a coarse grid.
        var runs = TestData.Llama3();
        var tables = PointTables.From(runs, LossSpace.Raw);
        double[] alphas = [0.05, 0.15, 0.25, 0.3, 0.35, 0.5, 0.8], betas = [0.05, 0.2, 0.3, 0.32, 0.45, 0.7, 0.95];
        var problem = new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens), tables.Y,
                                      Enumerable.Repeat(1.0, runs.Count).ToArray(), new GridShape(alphas.Length, betas.Length, runs.Count, 1));
        AssertEveryCellMatchesIrls(problem, VarProOptions.Default.Delta);
    }

    [Fact]
    public void VectorModelPass_IsTheScalarAccumulatorLaneByLane()
    {
        GridProblem problem = GridKernelTests.RandomProblem(53, out _, out _);
        int n = problem.Shape.PointCount;
        var random = new Random(7);
        double[] x2t = new double[n * 4];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 4; j++) x2t[i * 4 + j] = problem.X2[j * n + i];
        ReadOnlySpan<double> w = problem.Weights.AsSpan(0, n), x1 = problem.X1.AsSpan(0, n), y = problem.Y.AsSpan(0, n);
        int first = w.IndexOfAnyExcept(0.0);
        var k2 = Vector256.Create(x2t[first * 4], x2t[first * 4 + 1], x2t[first * 4 + 2], x2t[first * 4 + 3]);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] e = Draw(random, 1.5, 2.0), a = Draw(random, 0, 0.8), b = Draw(random, 0, 0.8);
            foreach (double delta in new[] { 0.001, 0.02, 1.0 })
            {
                var lanes = HuberGrid.ModelPass(w, x1, y, x2t, 4, 0, x1[first], k2, y[first], Vector256.Create(e), Vector256.Create(a), Vector256.Create(b), delta);
                for (int j = 0; j < 4; j++)
                {
                    var scalar = new HuberModelAccumulator();
                    for (int i = 0; i < n; i++) scalar.Add(w[i], x1[i], problem.X2[j * n + i], y[i], e[j], a[j], b[j], delta);
                    Assert.Equal(scalar.Objective, lanes.Objective.GetElement(j));
                    Assert.Equal(scalar.Centre(), HuberGrid.Centre(lanes, j, x1[first], k2, y[first]));
                }
            }
        }
    }

    static double[] Draw(Random random, double lo, double hi) => Enumerable.Range(0, 4).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();

    static void AssertEveryCellMatchesIrls(GridProblem problem, double delta)
    {
        var spec = new CellObjectiveSpec(true, delta, false, 500, 1e-13);
        var cellCode = new double[problem.Shape.WorkItems];
        var vectorised = new double[problem.Shape.WorkItems];
        new HostDevice(directOnly: true).EvaluateGrid(problem, spec, cellCode);
        new HostDevice().EvaluateGrid(problem, spec, vectorised);
        foreach (var c in GridKernelTests.Cells(problem))
        {
            double expected = Irls(c.X1, c.X2, c.Y, c.W, delta);
            string where = $"r{c.R} a{c.A} b{c.B}, δ {delta}";
            AssertRel.Equal(expected, cellCode[c.Index], 1e-10, $"cell code, {where}");
            AssertRel.Equal(expected, vectorised[c.Index], 1e-10, $"vectorised grid, {where}");
            CellResult result = CellObjective.Evaluate(new ArrayCellPoints(c.X1, 0, c.X2, 0, c.Y, 0, c.W, 0, c.Y.Length), spec);
            Assert.True(result.Converged, $"{where}: the Newton search stopped at its pass cap");
        }
    }

    // Plain IRLS from the least-squares fit; every step is a majorise–minimise step, so the objective falls monotonically
    // to the optimum (linearly: many steps where few points are inliers).
    static double Irls(double[] x1, double[] x2, double[] y, double[] w, double delta)
    {
        var fit = BruteForceNnls.Solve(x1, x2, y, w);
        double objective = Huber(fit, x1, x2, y, w, delta);
        for (int it = 0; it < 100_000; it++)
        {
            double[] robust = w.Select((wi, i) => wi * Math.Min(1, delta / Math.Abs(y[i] - fit.E - fit.A * x1[i] - fit.B * x2[i]))).ToArray();
            var next = BruteForceNnls.Solve(x1, x2, y, robust);
            double value = Huber(next, x1, x2, y, w, delta);
            if (!(value < objective)) break;
            bool done = objective - value <= 1e-15 * value;
            (fit, objective) = (next, value);
            if (done) break;
        }
        return objective;
    }

    static double Huber((double E, double A, double B, double Rss) c, double[] x1, double[] x2, double[] y, double[] w, double delta)
    {
        double total = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = Math.Abs(y[i] - c.E - c.A * x1[i] - c.B * x2[i]);
            total += w[i] * (r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta));
        }
        return total;
    }
}
