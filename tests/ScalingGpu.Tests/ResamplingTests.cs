using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Tests;

/// <summary>The counter-based generator and the multiplicities it drives.</summary>
public sealed class ResamplingTests
{
    // Random123's kat_vectors for philox4x32-10: counter (4 words), key (2 words) → output (4 words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3) =>
        Assert.Equal((e0, e1, e2, e3), Philox.Block(c0, c1, c2, c3, k0, k1));

    [Fact]
    public void Uniforms_AreUniform()
    {
        // Kolmogorov–Smirnov against U(0, 1): with 20,000 draws the 0.1% critical value is 1.95/√n.
        const int n = 20_000;
        double[] u = Enumerable.Range(0, n).Select(j => Philox.Uniform(42, 3, j, ResampleKernels.ResampleStream)).Order().ToArray();
        double d = u.Select((v, i) => Math.Max(Math.Abs(v - (double)i / n), Math.Abs(v - (i + 1.0) / n))).Max();
        Assert.True(d < 1.95 / Math.Sqrt(n), $"KS distance {d}");
        Assert.All(u, v => Assert.InRange(v, 0.0, 1.0 - 1e-17));
    }

    [Theory]
    [InlineData(ResampleUnit.Points)]
    [InlineData(ResampleUnit.WithinBudget)]
    [InlineData(ResampleUnit.Budgets)]
    public void Multiplicities_AreIdenticalOnKernelAndHost_AndForAnyBatchSize(ResampleUnit unit)
    {
        RunTable runs = TestData.Llama3();
        ResamplePlan plan = ResamplePlan.For(runs, unit);
        int n = runs.Count;
        const int total = 21;
        var host = new double[total * n];
        plan.HostMultiplicities(seed: 5, first: 0, count: total, host);

        using var kernel = IlgpuDevice.CpuAccelerator();
        var onKernel = new double[total * n];
        kernel.Multiplicities(plan.Arrays, 5, 0, total, onKernel);
        Assert.Equal(host, onKernel);

        // Batches of 7 starting at 0, 7, 14 give the same rows as one batch of 21.
        for (int first = 0; first < total; first += 7)
        {
            var batch = new double[7 * n];
            new HostDevice().Multiplicities(plan.Arrays, 5, first, 7, batch);
            Assert.Equal(host.AsSpan(first * n, 7 * n).ToArray(), batch);
        }
    }

    [Fact]
    public void WithinBudget_KeepsEveryBudgetsCount_AndBudgetsMoveWholeCurves()
    {
        RunTable runs = TestData.Llama3();
        int n = runs.Count;
        var weights = new double[50 * n];
        ResamplePlan.For(runs, ResampleUnit.WithinBudget).HostMultiplicities(9, 0, 50, weights);
        foreach (double budget in runs.DistinctBudgets())
        {
            int[] members = Enumerable.Range(0, n).Where(i => runs.Budget[i] == budget).ToArray();
            for (int r = 0; r < 50; r++) Assert.Equal(members.Length, members.Sum(i => weights[r * n + i]));
        }

        ResamplePlan.For(runs, ResampleUnit.Budgets).HostMultiplicities(9, 0, 50, weights);
        for (int r = 0; r < 50; r++)
        {
            Assert.Equal(10, runs.DistinctBudgets().Sum(b => weights[r * n + Array.IndexOf(runs.Budget, b)]));
            foreach (double budget in runs.DistinctBudgets())   // one multiplicity per curve
                Assert.Single(Enumerable.Range(0, n).Where(i => runs.Budget[i] == budget).Select(i => weights[r * n + i]).Distinct());
        }
    }

    [Fact]
    public void PointMultiplicities_HaveMultinomialMoments()
    {
        // Each multiplicity is Binomial(n, 1/n): mean 1, variance 1 − 1/n.
        RunTable runs = TestData.Llama3();
        int n = runs.Count, resamples = 2000;
        var weights = new double[resamples * n];
        ResamplePlan.For(runs, ResampleUnit.Points).HostMultiplicities(11, 0, resamples, weights);
        AssertRel.Near(1.0, weights.Average(), 1e-12, "mean (exact: rows sum to n)");
        double variance = weights.Select(w => (w - 1) * (w - 1)).Average();
        AssertRel.Near(1 - 1.0 / n, variance, 0.02, "variance");
    }

    [Fact]
    public void SimulatedLosses_AreIdenticalOnKernelAndHost_AndNoiseHasTheRequestedSpread()
    {
        var design = new ScalingGpu.Simulation.IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 8);
        var surface = ScalingGpu.Models.NamedSurfaces.Chinchilla;
        using var kernel = IlgpuDevice.CpuAccelerator();
        RunTable[] onKernel = design.Sample(surface, 0.05, seed: 3, firstKey: 100, replicates: 40, kernel);
        RunTable[] onHost = design.Sample(surface, 0.05, seed: 3, firstKey: 100, replicates: 40, new HostDevice());
        for (int r = 0; r < 40; r++) Assert.Equal(onHost[r].Loss, onKernel[r].Loss);
        // A batch starting elsewhere gives the same replicate for the same key.
        Assert.Equal(onHost[7].Loss, design.Sample(surface, 0.05, seed: 3, replicate: 107).Loss);

        double[] noise = onHost.SelectMany(t => t.Loss.Select((l, i) => l - surface.Loss(t.Params[i], t.Tokens[i]))).ToArray();
        AssertRel.Near(0, noise.Average(), 4 * 0.05 / Math.Sqrt(noise.Length), "noise mean");
        AssertRel.Equal(0.05, Math.Sqrt(noise.Select(v => v * v).Average()), 0.05, "noise σ");
    }
}
