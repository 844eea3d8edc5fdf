using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Tests;

/// <summary>Bootstrap intervals against Epoch AI's published Chinchilla bootstrap and the paper's Llama 3 DCL, plus determinism.</summary>
public sealed class BootstrapTests
{
    [Fact]
    public void EpochChinchilla_Approach3_StandardErrorsAndIntervalsMatchEpoch()
    {
        // Epoch AI (4,000 point resamples): SE α 0.0154, β 0.0206, E 0.0257; 95% CI α (0.317, 0.373), β (0.331, 0.415), E (1.769, 1.871).
        RunTable runs = TestData.Chinchilla();
        var options = new FitOptions { Methods = [FitMethod.Approach3], TargetCompute = [] };
        var bootstrap = new BootstrapOptions { Resamples = 400, Unit = ResampleUnit.Points, Seed = 1 };
        FitReport report = Fitter.Fit(runs, options, new HostDevice(), bootstrap);
        IntervalEstimate Get(QuantityKind q) => report.Bootstrap!.Intervals.Single(i => i.Quantity.Kind == q);
        AssertRel.Equal(0.0154, Get(QuantityKind.Alpha).Se, 0.20, "SE alpha");
        AssertRel.Equal(0.0206, Get(QuantityKind.Beta).Se, 0.20, "SE beta");
        AssertRel.Equal(0.0257, Get(QuantityKind.E).Se, 0.20, "SE E");
        AssertRel.Near(0.317, Get(QuantityKind.Alpha).Lo, 0.015, "alpha lo");
        AssertRel.Near(0.373, Get(QuantityKind.Alpha).Hi, 0.015, "alpha hi");
        AssertRel.Near(0.331, Get(QuantityKind.Beta).Lo, 0.015, "beta lo");
        AssertRel.Near(0.415, Get(QuantityKind.Beta).Hi, 0.015, "beta hi");
        AssertRel.Near(1.769, Get(QuantityKind.E).Lo, 0.015, "E lo");
        AssertRel.Near(1.871, Get(QuantityKind.E).Hi, 0.015, "E hi");
        Assert.All(report.Bootstrap!.Intervals, i => Assert.Equal(400, i.Resamples + i.ResamplesFailed));
    }

    [Fact]
    public void Llama3_WithinBudgetDcl_PointIsExact_AndBoundsAreStableAcrossSeeds()
    {
        // The paper's 90% intervals come from 100 resamples with failed resamples dropped (DESIGN.md §2); ours drop
        // failed budgets, so the check is Monte-Carlo stability and the paper's order of magnitude.
        RunTable runs = TestData.Llama3();
        var options = new FitOptions { Methods = [FitMethod.Approach2], VarPro = VarProOptions.Default with { GridStep = 0.01 }, TargetCompute = [3.8e25] };
        var dcl = new DclRequest(FitMethod.Approach2, FitMethod.Vpnls, new Pricing(2.0, 1979e12, 0.5));
        DclEstimate Run(ulong seed) => Fitter.Fit(runs, options, new HostDevice(), new BootstrapOptions { Resamples = 600, Level = 0.90, Seed = seed }, dcl)
            .Dcl.Single(d => d.Variant == DclVariant.FixedReference);
        DclEstimate a = Run(1), b = Run(2);
        Assert.Equal(ResampleUnit.WithinBudget, new BootstrapOptions().UnitFor(runs));
        AssertRel.Near(6.30, a.Percent, 0.005, "point percent");
        AssertRel.Near(1.344e6, a.Dollars, 0.0005e6, "point dollars");
        Assert.InRange(a.LoDollars, 0.1e6, 0.6e6);
        Assert.InRange(a.HiDollars, 2.2e6, 3.3e6);
        AssertRel.Equal(a.HiDollars, b.HiDollars, 0.12, "upper bound across seeds");
        AssertRel.Equal(a.LoDollars, b.LoDollars, 0.35, "lower bound across seeds");
    }

    [Fact]
    public void SameSeed_GivesIdenticalResamples_ForAnyBatchSize_AndAnotherSeedDiffers()
    {
        RunTable runs = TestData.Cs336();
        var options = new FitOptions { Methods = [FitMethod.Vpnls, FitMethod.Approach2], VarPro = VarProOptions.Default with { GridStep = 0.01 }, TargetCompute = [1e22] };
        double[] Alphas(int batch, ulong seed) => Fitter.Fit(runs, options, new HostDevice(), new BootstrapOptions { Resamples = 40, Seed = seed, BatchSize = batch })
            .Bootstrap!.Fits[0].Surfaces!.Select(s => s.Surface.Alpha).ToArray();
        double[] reference = Alphas(40, 3);
        Assert.Equal(reference, Alphas(7, 3));
        Assert.Equal(reference, Alphas(1000, 3));
        Assert.NotEqual(reference, Alphas(40, 4));
    }

    [Fact]
    public void Bca_EqualsPercentile_WhenReplicatesAreSymmetricAboutTheEstimate()
    {
        // z0 = 0 (half the replicates below the estimate) and a = 0 (symmetric jackknife) make BCa the percentile interval.
        double[] replicates = Enumerable.Range(1, 999).Select(i => MathNet.Numerics.Distributions.Normal.InvCDF(5, 2, i / 1000.0)).ToArray();
        double[] jackknife = [4.9, 5.1, 4.8, 5.2, 5.0];
        var percentile = IntervalEstimator.Estimate(replicates, 5, jackknife, 0.9, IntervalKind.Percentile);
        var bca = IntervalEstimator.Estimate(replicates, 5, jackknife, 0.9, IntervalKind.Bca);
        AssertRel.Near(percentile.Lo, bca.Lo, 1e-9, "lo");
        AssertRel.Near(percentile.Hi, bca.Hi, 1e-9, "hi");
        AssertRel.Near(5 - 1.6449 * 2, percentile.Lo, 0.03, "normal 5% quantile (999 grid replicates)");
        AssertRel.Equal(2, percentile.Se, 0.01, "SE of N(5, 2²)");
    }

    [Fact]
    public void Bca_ShiftsTowardsTheSkew()
    {
        // Replicates skewed right of the estimate: more than half lie below θ̂ → z0 > 0 moves both bounds up.
        double[] replicates = Enumerable.Range(1, 999).Select(i => Math.Exp(MathNet.Numerics.Distributions.Normal.InvCDF(0, 0.5, i / 1000.0))).ToArray();
        double estimate = 1.2;
        var percentile = IntervalEstimator.Estimate(replicates, estimate, [1.0, 1.1, 1.2, 1.3, 1.4], 0.9, IntervalKind.Percentile);
        var bca = IntervalEstimator.Estimate(replicates, estimate, [1.0, 1.1, 1.2, 1.3, 1.4], 0.9, IntervalKind.Bca);
        Assert.True(bca.Lo > percentile.Lo && bca.Hi > percentile.Hi, $"{bca} vs {percentile}");
    }
}

/// <summary>Chunking and repeated runs never change results.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void ChunkedGrids_EqualOneLaunch()
    {
        var runs = TestData.Llama3();
        var plan = ResamplePlan.For(runs, ResampleUnit.WithinBudget);
        var weights = new double[9 * runs.Count];
        plan.HostMultiplicities(4, 0, 9, weights);
        var options = VarProOptions.Default with { GridStep = 0.01 };
        // A budget of one grid's bytes forces one resample per launch; the default fits all nine in one.
        var oneByOne = VarPro.FitWeighted(runs, weights, 9, options, new HostDevice(memoryBudgetBytes: 99 * 99 * 8));
        var together = VarPro.FitWeighted(runs, weights, 9, options, new HostDevice());
        Assert.Equal(together.Select(f => f.Surface), oneByOne.Select(f => f.Surface));
    }

    [Fact]
    public void BatchedReplicates_EqualOneFitEach()
    {
        var design = new ScalingGpu.Simulation.IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 8, Width: 8);
        RunTable[] replicates = design.Sample(NamedSurfaces.Chinchilla, 0.02, seed: 5, firstKey: 0, replicates: 6, new HostDevice());
        foreach (var options in new[] { VarProOptions.Default with { GridStep = 0.01 }, VarProOptions.Default with { GridStep = 0.01, Objective = FitObjective.Huber, Delta = 0.01 } })
        {
            SurfaceFit[] batched = VarPro.FitReplicates(replicates, options, new HostDevice());
            Assert.Equal(replicates.Select(r => VarPro.Fit(r, options, new HostDevice()).Surface), batched.Select(f => f.Surface));
        }
    }

    [Fact]
    public void TwoRunsWithTheSameSeed_WriteIdenticalResamplesParquet()
    {
        string Run()
        {
            string dir = Path.Combine(CliRunner.TempDir(), "out");
            var (exit, _, stderr) = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "16", "--grid-step", "0.01", "--bootstrap", "12",
                "--seed", "123", "--target-compute", "1e24", "--out", dir, "--device", "cpu"));
            Assert.True(exit == 0, stderr);
            return dir;
        }
        var a = ParquetReadBack.Columns(Path.Combine(Run(), "resamples.parquet"));
        var b = ParquetReadBack.Columns(Path.Combine(Run(), "resamples.parquet"));
        Assert.Equal(a.Keys, b.Keys);
        foreach (string column in a.Keys) Assert.Equal(a[column], b[column]);
        Assert.Equal(36, a["resample"].Length);   // 3 methods × 12 resamples
    }
}
