using ILGPU.Runtime;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;
using ScalingGpu.Models;

namespace ScalingGpu.Tests;

/// <summary>
/// One test body per kernel family, run on every backend: the host path, ILGPU's CPU accelerator, and CUDA when this
/// machine has it (reported as skipped otherwise). References are independent of the device code where one exists
/// (a brute-force QR per cell, the published Llama 3 fit, counting identities of multiplicities).
/// </summary>
public sealed class BackendTests
{
    public static TheoryData<string> Backends() => new() { "host", "ilgpu-cpu", "cuda" };

    static IComputeDevice Open(string backend)
    {
        switch (backend)
        {
            case "host": return new HostDevice();
            case "ilgpu-cpu": return IlgpuDevice.CpuAccelerator(tiledGroups: true);
            default:
                IlgpuDevice? cuda = IlgpuDevice.TryCreate(AcceleratorType.Cuda, out string whyNot);
                Skip.If(cuda is null, $"no CUDA device here: {whyNot}");
                return cuda!;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void MseShortlist_EqualsBruteForceNnlsOnEveryResample(string backend)
    {
        using IComputeDevice device = Open(backend);
        GridProblem problem = GridKernelTests.RandomProblem(seed: 7, out _, out _);
        GridShape s = problem.Shape;
        const int length = 4;
        var cells = new int[s.ResampleCount * length];
        var values = new double[cells.Length];
        device.SmallestCells(problem, CellObjectiveSpec.Mse, length, cells, values);
        int n = s.PointCount;
        for (int r = 0; r < s.ResampleCount; r++)
        {
            double[] w = problem.Weights.AsSpan(r * n, n).ToArray(), y = problem.Y.AsSpan(r * n, n).ToArray();
            var expected = Enumerable.Range(0, (int)s.CellsPerResample)
                .Select(c => (Cell: c, Rss: BruteForceNnls.Solve(problem.X1.AsSpan(c / s.BetaCount * n, n).ToArray(), problem.X2.AsSpan(c % s.BetaCount * n, n).ToArray(), y, w).Rss))
                .OrderBy(e => e.Rss).Take(length).ToArray();
            Assert.Equal(expected[0].Cell, cells[r * length]);
            for (int k = 0; k < length; k++) AssertRel.Equal(expected[k].Rss, values[r * length + k], 1e-9, $"{backend} resample {r} rank {k}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void HuberAndLogGrids_EqualTheScalarCellCode(string backend)
    {
        using IComputeDevice device = Open(backend);
        GridProblem problem = GridKernelTests.RandomProblem(seed: 8, out _, out _);
        foreach (var spec in new[] { new CellObjectiveSpec(true, 0.02, false, 200, 1e-13), new CellObjectiveSpec(false, 0, true, 200, 1e-13) })
        {
            GridProblem p = spec.LogSpace ? problem with { Y = problem.Y.Select(v => Math.Log(v)).ToArray() } : problem;
            var onDevice = new double[p.Shape.WorkItems];
            var scalar = new double[p.Shape.WorkItems];
            device.EvaluateGrid(p, spec, onDevice);
            new HostDevice(directOnly: true).EvaluateGrid(p, spec, scalar);
            for (int i = 0; i < scalar.Length; i++) AssertRel.Equal(scalar[i], onDevice[i], 1e-12, $"{backend} {(spec.Huber ? "huber" : "log")} cell {i}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Multiplicities_KeepEveryBudgetsPointCount_AndMatchTheHostBitForBit(string backend)
    {
        using IComputeDevice device = Open(backend);
        var runs = TestData.Llama3();
        ResamplePlan plan = ResamplePlan.For(runs, ResampleUnit.WithinBudget);
        const int count = 64;
        var weights = new double[count * runs.Count];
        device.Multiplicities(plan.Arrays, 5, 100, count, weights);
        var host = new double[weights.Length];
        plan.HostMultiplicities(5, 100, count, host);
        Assert.Equal(host, weights);
        double[] budgets = runs.Budget.Distinct().ToArray();
        for (int r = 0; r < count; r++)
            foreach (double c in budgets)
            {
                int[] members = Enumerable.Range(0, runs.Count).Where(i => runs.Budget[i] == c).ToArray();
                Assert.Equal(members.Length, members.Sum(i => weights[r * runs.Count + i]));   // within-budget: each curve keeps its size
            }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void NoiseFreeSimulation_IsTheSurfaceItself(string backend)
    {
        using IComputeDevice device = Open(backend);
        LossSurface s = NamedSurfaces.Chinchilla;
        double[] n = [1e8, 3e8, 1e9, 4e9], d = [2e9, 6e9, 2e10, 9e10];
        var losses = new double[2 * n.Length];
        device.SimulateLosses(n, d, new SimulationShape(s.E, s.A, s.B, s.Alpha, s.Beta, 0, 1, 0, n.Length, 2), losses);
        for (int i = 0; i < losses.Length; i++)
            AssertRel.Equal(s.E + s.A * Math.Pow(n[i % n.Length], -s.Alpha) + s.B * Math.Pow(d[i % n.Length], -s.Beta), losses[i], 1e-14, $"{backend} point {i}");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void NoisySimulation_KeepsLossesPositive_AsAGaussianTruncatedAtMinusTheLoss(string backend)
    {
        using IComputeDevice device = Open(backend);
        // True loss L with σ = 2L: a plain Gaussian would put 31% of the losses at or below zero.
        const int points = 4000, replicates = 5;
        double[] n = Enumerable.Repeat(1e9, points).ToArray(), d = Enumerable.Repeat(2e10, points).ToArray();
        double truth = Math.Pow(1e9, -0.3) + Math.Pow(2e10, -0.3), sigma = 2 * truth;
        var losses = new double[replicates * points];
        device.SimulateLosses(n, d, new SimulationShape(0, 1, 1, 0.3, 0.3, sigma, 11, 100, points, replicates), losses);
        Assert.All(losses, l => Assert.True(l > 0, $"{backend}: loss {l}"));
        // A first draw that keeps the loss positive is used as it is: the plain Gaussian draw, unchanged.
        int kept = 0;
        for (int i = 0; i < losses.Length; i++)
        {
            double first = truth + sigma * Philox.Normal(11, 100 + i / points, i % points, SimulationKernels.NoiseStream);
            if (first > 0) { AssertRel.Equal(first, losses[i], 1e-13, $"{backend} draw {i}"); kept++; }
        }
        Assert.InRange(kept / (double)losses.Length, 0.68, 0.70);   // Φ(0.5) = 0.6915
        // Redraws make the noise a normal truncated at −L/σ = −0.5: mean φ(0.5)/Φ(0.5) = 0.5092, sd 0.697 (SE 0.005 here).
        double mean = losses.Average(l => (l - truth) / sigma);
        Assert.InRange(mean, 0.5092 - 0.025, 0.5092 + 0.025);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Llama3_PublishedFit_EndToEndThroughTheDevice(string backend)
    {
        using IComputeDevice device = Open(backend);
        // Grid 0.01 + refinement reaches the published optimum (DESIGN.md §2) at a fraction of the 981² grid's cost.
        SurfaceFit fit = VarPro.Fit(TestData.Llama3(), VarProOptions.Default with { GridStep = 0.01 }, device);
        AssertRel.Equal(0.604670, fit.Surface.E, 5e-6, $"{backend} E");
        AssertRel.Equal(59.1411, fit.Surface.A, 5e-6, $"{backend} A");
        AssertRel.Equal(155.1142, fit.Surface.B, 5e-6, $"{backend} B");
        AssertRel.Equal(0.310006, fit.Surface.Alpha, 5e-6, $"{backend} alpha");
        AssertRel.Equal(0.313643, fit.Surface.Beta, 5e-6, $"{backend} beta");
    }
}
