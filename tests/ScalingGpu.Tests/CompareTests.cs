using System.Globalization;
using System.Text.Json;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Predictions;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>
/// <c>compare A B</c> on two simulated recipes with a known crossover. Recipe A is the Chinchilla surface; recipe B has the
/// same exponents, A and B coefficients scaled by s = 0.8 and E raised by ΔE = 0.2. Both then share
/// G = (αA/(βB))^(1/(α+β)), so K_B = s·K_A with K = A·G^−α + B·G^β, and L*_A(C) − L*_B(C) = −ΔE + (1 − s)·K_A·(C/6)^−γ
/// (γ = αβ/(α+β)) vanishes at C× = 6·((1 − s)·K_A/ΔE)^(1/γ) ≈ 5.2e19 FLOPs, inside the simulated budgets 1e17..1e21
/// (5 budgets × 15 points, W = 10).
/// </summary>
public sealed class CompareTests(Xunit.Abstractions.ITestOutputHelper output)
{
    const double Scale = 0.8, DeltaE = 0.2;
    static readonly LossSurface RecipeA = NamedSurfaces.Chinchilla;
    static readonly LossSurface RecipeB = RecipeA with { E = RecipeA.E + DeltaE, A = Scale * RecipeA.A, B = Scale * RecipeA.B };
    static readonly IsoFlopDesign Design = new([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10);
    static readonly FitOptions Coarse = new() { VarPro = VarProOptions.Default with { GridStep = 0.02 }, TargetCompute = [1e18, 1e21] };

    // The closed form, from the surface parameters alone.
    static double TrueCrossover()
    {
        double a = RecipeA.Alpha, b = RecipeA.Beta;
        double g = Math.Pow(a * RecipeA.A / (b * RecipeA.B), 1 / (a + b));
        double k = RecipeA.A * Math.Pow(g, -a) + RecipeA.B * Math.Pow(g, b), gamma = a * b / (a + b);
        return 6 * Math.Pow((1 - Scale) * k / DeltaE, 1 / gamma);
    }

    static string Csv(RunTable runs)
    {
        string path = Path.Combine(CliRunner.TempDir(), "runs.csv");
        File.WriteAllLines(path, ["N,D,loss,budget", .. Enumerable.Range(0, runs.Count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{runs.Params[i]:R},{runs.Tokens[i]:R},{runs.Loss[i]:R},{runs.Budget[i]:R}"))]);
        return path;
    }

    [Fact]
    public void NoiseFree_CrossoverIsWithinTenPercentOfTheClosedForm()
    {
        double truth = TrueCrossover();
        Assert.InRange(truth, 1e19, 1e20);
        var (exit, stdout, stderr) = CliRunner.Run("compare", Csv(Design.Sample(RecipeA)), Csv(Design.Sample(RecipeB)), "--budget", "budget",
            "--grid-step", "0.02", "--target-compute", "1e18", "1e21", "--json", "--device", "cpu");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        JsonElement cross = doc.RootElement.GetProperty("crossovers")[0];
        double estimate = cross.GetProperty("crossover_compute").GetDouble();
        output.WriteLine($"closed form {truth:G6}, estimate {estimate:G6}");
        AssertRel.Equal(truth, estimate, 0.10, "crossover");
        Assert.False(cross.GetProperty("a_lower_below").GetBoolean());   // B (smaller K) wins at small C, A (lower E) above C×
        var targets = doc.RootElement.GetProperty("targets").EnumerateArray().ToArray();
        Assert.True(targets[0].GetProperty("L_opt_a").GetDouble() > targets[0].GetProperty("L_opt_b").GetDouble());
        Assert.True(targets[1].GetProperty("L_opt_a").GetDouble() < targets[1].GetProperty("L_opt_b").GetDouble());
    }

    /// <summary>100 noisy pairs (σ 0.01), 100 resamples each, 95% percentile interval: binomial SE 0.022 at 0.95.</summary>
    [Fact]
    public void NoisyPairs_NinetyFivePercentIntervalCoversTheCrossover()
    {
        double truth = TrueCrossover();
        using var device = new HostDevice();
        int covered = 0, pairs = 100;
        double shareLow = 0, shareHigh = 0;
        for (int set = 0; set < pairs; set++)
        {
            RunTable a = Design.Sample(RecipeA, 0.01, seed: 5, replicate: set), b = Design.Sample(RecipeB, 0.01, seed: 6, replicate: set);
            var bootstrap = new BootstrapOptions { Resamples = 100, Level = 0.95, Seed = (ulong)(1000 + 2 * set) };
            var (requestA, requestB) = FrontierComparison.Validate(a, b, Coarse, bootstrap);
            Comparison c = FrontierComparison.Run(requestA, requestB, device);
            Crossover x = c.Crossovers.Single();
            if (x.Lo <= truth && truth <= x.Hi) covered++;
            shareLow += c.Targets[0].ShareALower / pairs;
            shareHigh += c.Targets[1].ShareALower / pairs;
        }
        output.WriteLine($"{covered} of {pairs} intervals contain C× = {truth:G4}; mean P(A lower) {shareLow:F3} at 1e18, {shareHigh:F3} at 1e21");
        Assert.True(covered >= 85, $"{covered} of {pairs} 95% intervals contain the crossover");
        Assert.True(shareLow < 0.05 && shareHigh > 0.95, $"P(A lower) {shareLow:F3} at 1e18, {shareHigh:F3} at 1e21");
    }

    [Fact]
    public void CrossoverCompute_FindsTheClosedForm_AndIdenticalFrontiersNeverCross()
    {
        AssertRel.Equal(TrueCrossover(), FrontierComparison.CrossoverCompute(RecipeA, RecipeB, 1e17, FrontierComparison.SearchHi), 1e-10, "crossover");
        Assert.True(double.IsNaN(FrontierComparison.CrossoverCompute(RecipeA, RecipeA, 1e17, FrontierComparison.SearchHi)));
        Assert.True(double.IsNaN(FrontierComparison.CrossoverCompute(RecipeA, RecipeB, 1e21, FrontierComparison.SearchHi)));   // crossed below the range
    }

    /// <summary>
    /// A data set against itself: the full-data frontiers are equal everywhere, so neither is lower and they never cross;
    /// the two bootstraps (seeds S and S + 1) differ, so the share of resamples where A is lower lies strictly between 0 and 1.
    /// compare.parquet's counts agree with the JSON's.
    /// </summary>
    [Fact]
    public void DataSetAgainstItself_NeitherIsLower_AndTheCountsAgreeAcrossOutputs()
    {
        string data = Csv(Design.Sample(RecipeA, 0.01, seed: 5, replicate: 0)), outDir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, stdout, stderr) = CliRunner.Run("compare", data, data, "--budget", "budget", "--grid-step", "0.05", "--target-compute", "1e18", "1e21",
            "--bootstrap", "40", "--json", "--out", outDir, "--device", "cpu");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        JsonElement cross = doc.RootElement.GetProperty("crossovers")[0];
        Assert.Equal(JsonValueKind.Null, cross.GetProperty("a_lower_below").ValueKind);
        Assert.Equal(JsonValueKind.Null, cross.GetProperty("crossover_compute").ValueKind);
        var targets = doc.RootElement.GetProperty("targets").EnumerateArray().ToArray();
        var table = ParquetReadBack.Columns(Path.Combine(outDir, "compare.parquet"));
        for (int t = 0; t < targets.Length; t++)
        {
            Assert.Equal(targets[t].GetProperty("L_opt_a").GetDouble(), targets[t].GetProperty("L_opt_b").GetDouble());
            double share = targets[t].GetProperty("share_a_lower").GetDouble();
            Assert.InRange(share, 0.01, 0.99);
            Assert.Equal(share, ((double?[])table["share_a_lower"])[t]);
            Assert.Equal(targets[t].GetProperty("share_resamples").GetInt64(), ((long[])table["share_resamples"])[t]);
            Assert.Null(((bool?[])table["a_lower_below"])[t]);
            Assert.Equal(cross.GetProperty("resamples").GetInt64(), ((long[])table["resamples"])[t]);
            Assert.Equal(40, ((long[])table["resamples"])[t] + ((long[])table["resamples_no_crossover"])[t] + ((long[])table["resamples_failed"])[t]);
        }
        var console = CliRunner.Run("compare", data, data, "--budget", "budget", "--grid-step", "0.05", "--device", "cpu");
        Assert.Contains(console.Stdout.Split('\n'), line => line.TrimStart().StartsWith("vpnls") && line.Contains(" neither "));
        var frontiers = ParquetReadBack.Columns(Path.Combine(outDir, "frontiers.parquet"));   // its bands say their level
        Assert.All((double?[])frontiers["level"], level => Assert.Equal(0.95, level));
        Assert.All((string?[])frontiers["interval_kind"], kind => Assert.Equal("percentile", kind));
    }


    /// <summary>The crossover search reaches a decade past the largest target (it stopped at 1e28 whatever was asked).</summary>
    [Fact]
    public void SearchRange_ReachesPastTheLargestTarget()
    {
        string data = Csv(Design.Sample(RecipeA));
        var (exit, stdout, stderr) = CliRunner.Run("compare", data, Csv(Design.Sample(RecipeB)), "--budget", "budget", "--grid-step", "0.05",
            "--target-compute", "1e20", "1e30", "--json", "--device", "cpu");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(1e31, doc.RootElement.GetProperty("search_hi").GetDouble(), 1e-6 * 1e31);
        Assert.Equal(1e17, doc.RootElement.GetProperty("search_lo").GetDouble(), 1e-6 * 1e17);
    }
    [Fact]
    public void FilesWithDifferentColumnNames_WithoutMapping_AreExit2_NothingWritten()
    {
        string outDir = Path.Combine(CliRunner.TempDir(), "out");
        CliErrorTests.AssertOneLineError("different columns", CliRunner.Run("compare", TestData.PathOf("llama3_isoflops.csv"), TestData.PathOf("cs336_isoflops_synthetic.csv"),
            "--tokens", "training_tokens", "--compute", "compute_budget", "--loss", "validation_loss", "--budget", "compute_budget", "--out", outDir),
            ["cs336_isoflops_synthetic.csv", "no column", "--b-loss"]);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void CompareWithApproach2Only_IsExit2() =>
        CliErrorTests.AssertOneLineError("approach2 only", CliRunner.Run("compare", TestData.PathOf("cs336_isoflops_synthetic.csv"), TestData.PathOf("cs336_isoflops_synthetic.csv"),
            "--method", "approach2"), ["compare", "loss surface"]);
}
