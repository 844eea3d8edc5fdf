using ScalingGpu.Compute;
using ScalingGpu.Kernels;

namespace ScalingGpu.Tests;

/// <summary>
/// The ILGPU grid kernel, run on ILGPU's CPU accelerator, against a plain C# double loop (brute-force QR per cell)
/// and against the host path that shares its cell code.
/// </summary>
public sealed class GridKernelTests : IDisposable
{
    readonly IlgpuDevice accelerator = IlgpuDevice.CpuAccelerator(directOnly: true);
    readonly IlgpuDevice momentAccelerator = IlgpuDevice.CpuAccelerator(tiledGroups: true);

    public void Dispose()
    {
        accelerator.Dispose();
        momentAccelerator.Dispose();
    }

    [Fact]
    public void MseKernel_MatchesPlainLoopOnEveryCell()
    {
        GridProblem problem = RandomProblem(seed: 1, out double[] alphas, out double[] betas);
        var objective = new double[problem.Shape.WorkItems];
        accelerator.EvaluateGrid(problem, CellObjectiveSpec.Mse, objective);

        foreach (var c in Cells(problem))
            AssertRel.Equal(BruteForceNnls.Solve(c.X1, c.X2, c.Y, c.W).Rss, objective[c.Index], 1e-9, $"cell r{c.R} α{alphas[c.A]} β{betas[c.B]}");
    }

    /// <summary>Every cell of a problem with its index in the objective array and its points as plain arrays.</summary>
    internal static IEnumerable<(int R, int A, int B, long Index, double[] X1, double[] X2, double[] Y, double[] W)> Cells(GridProblem problem)
    {
        GridShape s = problem.Shape;
        int n = s.PointCount;
        for (int r = 0; r < s.ResampleCount; r++)
            for (int a = 0; a < s.AlphaCount; a++)
                for (int b = 0; b < s.BetaCount; b++)
                    yield return (r, a, b, ((long)r * s.AlphaCount + a) * s.BetaCount + b, problem.X1.AsSpan(a * n, n).ToArray(),
                                  problem.X2.AsSpan(b * n, n).ToArray(), problem.Y.AsSpan(r * n, n).ToArray(), problem.Weights.AsSpan(r * n, n).ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Kernel_AndHostPath_AgreeOnEveryObjective(bool huber, bool logSpace)
    {
        GridProblem problem = RandomProblem(seed: 2, out _, out _);
        if (logSpace) problem = problem with { Y = problem.Y.Select(v => Math.Log(v)).ToArray() };
        var spec = new CellObjectiveSpec(huber, 0.02, logSpace, 200, 1e-13);
        var onKernel = new double[problem.Shape.WorkItems];
        var onHost = new double[problem.Shape.WorkItems];
        accelerator.EvaluateGrid(problem, spec, onKernel);
        new HostDevice(directOnly: true).EvaluateGrid(problem, spec, onHost);
        for (int i = 0; i < onHost.Length; i++)
            AssertRel.Equal(onHost[i], onKernel[i], 1e-12, $"cell {i}");
        Assert.Equal(Array.IndexOf(onHost, onHost.Min()), Array.IndexOf(onKernel, onKernel.Min()));
    }

    [Fact]
    public void MomentKernels_MatchDirectKernel_AndHostMomentPath()
    {
        // Grid sizes and point count deliberately not multiples of the 16-cell tile.
        for (int seed = 30; seed < 33; seed++)
        {
            GridProblem problem = RandomProblem(seed, out _, out _);
            var tiled = new double[problem.Shape.WorkItems];
            var direct = new double[problem.Shape.WorkItems];
            var host = new double[problem.Shape.WorkItems];
            momentAccelerator.EvaluateGrid(problem, CellObjectiveSpec.Mse, tiled);
            accelerator.EvaluateGrid(problem, CellObjectiveSpec.Mse, direct);
            new HostDevice().EvaluateGrid(problem, CellObjectiveSpec.Mse, host);
            Assert.Equal(Array.IndexOf(host, host.Min()), Array.IndexOf(tiled, tiled.Min()));   // same argmin cell
            for (int i = 0; i < direct.Length; i++)
            {
                AssertRel.Equal(direct[i], tiled[i], 1e-9, $"seed {seed} cell {i} tiled vs direct");
                AssertRel.Equal(host[i], tiled[i], 1e-9, $"seed {seed} cell {i} tiled vs host moments");
            }
        }
    }

    [Fact]
    public void VectorisedHuberGrid_EqualsTheScalarCellCode()
    {
        // Grid sizes not multiples of the 4 lanes; zero weights included (RandomProblem draws multiplicities 0–2).
        for (int seed = 40; seed < 44; seed++)
        {
            GridProblem problem = RandomProblem(seed, out _, out _);
            var spec = new CellObjectiveSpec(true, 0.01, false, 500, 1e-13);
            var vectorised = new double[problem.Shape.WorkItems];
            var scalar = new double[problem.Shape.WorkItems];
            new HostDevice().EvaluateGrid(problem, spec, vectorised);
            new HostDevice(directOnly: true).EvaluateGrid(problem, spec, scalar);
            for (int i = 0; i < scalar.Length; i++) AssertRel.Equal(scalar[i], vectorised[i], 1e-13, $"seed {seed} cell {i}");
        }
    }

    [Fact]
    public void MomentPath_MatchesDirectPath_OnRandomProblems()
    {
        for (int seed = 10; seed < 20; seed++)
        {
            GridProblem problem = RandomProblem(seed, out _, out _);
            var moments = new double[problem.Shape.WorkItems];
            var direct = new double[problem.Shape.WorkItems];
            new HostDevice().EvaluateGrid(problem, CellObjectiveSpec.Mse, moments);
            new HostDevice(directOnly: true).EvaluateGrid(problem, CellObjectiveSpec.Mse, direct);
            int cells = (int)problem.Shape.CellsPerResample;
            for (int r = 0; r < problem.Shape.ResampleCount; r++)
            {
                var m = moments.AsSpan(r * cells, cells).ToArray();
                var d = direct.AsSpan(r * cells, cells).ToArray();
                Assert.Equal(Array.IndexOf(d, d.Min()), Array.IndexOf(m, m.Min()));
                for (int i = 0; i < cells; i++) AssertRel.Equal(d[i], m[i], 1e-9, $"seed {seed} resample {r} cell {i}");
            }
        }
    }

    // Loss-like data from a random surface on random (N, D), several weight rows, a small (α, β) grid.
    internal static GridProblem RandomProblem(int seed, out double[] alphas, out double[] betas)
    {
        var random = new Random(seed);
        const int n = 40, resamples = 3;
        double[] lnN = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        double[] lnD = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        // Each resample row has its own losses (noise), as simulated replicates do.
        double[] y = Enumerable.Range(0, n * resamples).Select(k => 1.7 + 0.4 * Math.Exp(-0.3 * lnN[k % n]) + 0.5 * Math.Exp(-0.25 * lnD[k % n]) + 0.05 * random.NextDouble()).ToArray();
        double[] w = Enumerable.Range(0, n * resamples).Select(_ => (double)random.Next(3)).ToArray();
        alphas = [0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 0.95];
        betas = [0.05, 0.25, 0.3, 0.5, 0.9];
        return new GridProblem(Table(alphas, lnN), Table(betas, lnD), y, w, new GridShape(alphas.Length, betas.Length, n, resamples));
    }

    static double[] Table(double[] exponents, double[] logs) =>
        exponents.SelectMany(e => logs.Select(l => Math.Exp(-e * l))).ToArray();
}
