using System.Diagnostics;
using DuckDB.NET.Data;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;
using ScalingGpu.Sweeps;

namespace ScalingGpu.Tests;

/// <summary>
/// CI sweeps (a bootstrap block): interval rows checked against facts computed here, coverage against an independent
/// scipy study, the width's √-law in σ, determinism across batching, shards and kill/resume, and DuckDB reading the data set.
/// </summary>
public sealed class IntervalSweepTests
{
    const string SmallConfig = """
        name: ci-small
        seed: 5
        surfaces: [chinchilla, asymmetric]
        design:
          budgets: [1e17, 1e18, 1e19, 1e20]
          points_per_budget: [6, 9]
          width: [S, L]
          noise: 0.01
        replicates: 4
        methods: [approach2, {vpnls: {grid_step: 0.02}}]
        extrapolate_to: [1e23, 1e24]
        bootstrap:
          resamples: 24
          level: [0.9, 0.95]
          interval: [percentile, bca]
        """;

    static readonly Lazy<string> SmallRun = new(() =>
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "small.yaml");
        File.WriteAllText(config, SmallConfig);
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", Path.Combine(dir, "out"), "--device", "cpu").Exit);
        return Path.Combine(dir, "out");
    });

    [Fact]
    public void EveryIntervalRow_IsCoveredExactlyWhenLoTruthHi_AndItsTruthIsTheSurfacesClosedForm()
    {
        int rows = 0;
        foreach (string part in Directory.GetFiles(Path.Combine(SmallRun.Value, "intervals"), "*.parquet", SearchOption.AllDirectories))
        {
            var c = ParquetReadBack.Columns(part);
            for (int i = 0; i < c["job"].Length; i++, rows++)
            {
                double lo = (double)((double?)c["lo"].GetValue(i))!, hi = (double)((double?)c["hi"].GetValue(i))!;
                double truth = (double)((double?)c["truth"].GetValue(i))!;
                Assert.Equal(lo <= truth && truth <= hi, (bool)c["covered"].GetValue(i)!);
                AssertRel.Near(hi - lo, (double)((double?)c["width"].GetValue(i))!, 1e-12, "width");
                AssertRel.Near((hi - lo) / Math.Abs(truth), (double)((double?)c["rel_width"].GetValue(i))!, 1e-12, "rel_width");
                double expected = Truth((string)c["surface"].GetValue(i)!, (string)c["quantity"].GetValue(i)!, (double?)c["compute"].GetValue(i));
                AssertRel.Near(expected, truth, 1e-12, $"truth of {c["quantity"].GetValue(i)}");
            }
        }
        // 2 surfaces × 2 points × 2 widths = 8 jobs × 4 replicates × 2 kinds × 2 levels × (approach2: 2 + 2×2; vpnls: 7 + 2×3) quantities
        Assert.Equal(8 * 4 * 2 * 2 * (6 + 13), rows);
    }

    // Independent of the tool: the surface's parameters by definition, a = β/(α+β), and N*, D*, L* from the closed form.
    static double Truth(string surface, string quantity, double? compute)
    {
        var (e, a, b, alpha, beta) = surface == "chinchilla" ? (1.69, 406.4, 410.7, 0.34, 0.28) : (1.69, 406.4, 410.7, 0.465, 0.155);
        double g = Math.Pow(alpha * a / (beta * b), 1 / (alpha + beta)), x = (compute ?? 0) / 6;
        double n = g * Math.Pow(x, beta / (alpha + beta)), d = Math.Pow(x, alpha / (alpha + beta)) / g;
        return quantity switch
        {
            "E" => e, "A" => a, "B" => b, "alpha" => alpha, "beta" => beta,
            "n_opt_exponent" => beta / (alpha + beta), "d_opt_exponent" => alpha / (alpha + beta),
            "N_opt" => n, "D_opt" => d, "L_opt" => e + a * Math.Pow(n, -alpha) + b * Math.Pow(d, -beta),
            _ => throw new ArgumentException(quantity),
        };
    }

    [Fact]
    public void DuckDb_ReadsTheIntervalsAsOneTable_AndAgreesWithTheSummarysCoverage()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select method, quantity, count(*) as n, avg(covered::int) as coverage, median(rel_width) as width
            from read_parquet('{SmallRun.Value}/intervals/*/*.parquet', hive_partitioning = true)
            where interval_kind = 'percentile' and level = 0.95 and quantity in ('alpha', 'n_opt_exponent')
            group by method, quantity order by method, quantity
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long, double)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3)));
        Assert.Equal([("approach2", "n_opt_exponent"), ("vpnls", "alpha"), ("vpnls", "n_opt_exponent")], rows.Select(r => (r.Item1, r.Item2)));
        Assert.All(rows, r => Assert.Equal(32L, r.Item3));   // 8 jobs × 4 replicates
        Assert.All(rows, r => Assert.InRange(r.Item4, 0.0, 1.0));
    }

    [Fact]
    public void AReplicateBootstrappedInsideABatch_EqualsTheSameReplicateBootstrappedAlone()
    {
        var design = new IsoFlopDesign([1e17, 1e18, 1e19, 1e20], 8, Width: 6);
        var device = new HostDevice();
        var replicates = design.Sample(NamedSurfaces.Chinchilla, 0.01, seed: 3, firstKey: 40, replicates: 4, device);
        var plan = ResamplePlan.For(replicates[0], ResampleUnit.WithinBudget);
        var options = new FitOptions { Methods = [FitMethod.Vpnls], VarPro = VarProOptions.Default with { GridStep = 0.02 }, TargetCompute = [1e24] };
        var full = new MethodFits { Method = FitMethod.Vpnls, Surfaces = VarPro.FitReplicates(replicates, options.VarPro, device) };
        double[] weights = ReplicateBootstrap.Weights(plan, 3, 40, 4, 15, device);
        ReplicateFits[] batch = ReplicateBootstrap.Fit(FitMethod.Vpnls, options, replicates, full, plan, weights, 15, jackknife: true, 16, device);
        for (int k = 0; k < 4; k++)
        {
            double[] own = ReplicateBootstrap.Weights(plan, 3, 40 + k, 1, 15, device);
            Assert.Equal(weights.AsSpan(k * own.Length, own.Length).ToArray(), own);
            var aloneFull = new MethodFits { Method = FitMethod.Vpnls, Surfaces = [full.Surfaces[k]] };
            ReplicateFits alone = ReplicateBootstrap.Fit(FitMethod.Vpnls, options, [replicates[k]], aloneFull, plan, own, 15, jackknife: true, 16, device)[0];
            Assert.Equal(alone.Resamples.Surfaces!.Select(s => s.Surface), batch[k].Resamples.Surfaces!.Select(s => s.Surface));
            Assert.Equal(alone.Jackknife!.Surfaces!.Select(s => s.Surface), batch[k].Jackknife!.Surfaces!.Select(s => s.Surface));
        }
    }

    const string ScaleConfig = """
        name: ci-scale
        seed: 11
        surfaces: [chinchilla]
        design:
          budgets: [1e17, 1e18, 1e19, 1e20]
          points_per_budget: [6, 8, 10]
          width: [S, L]
          noise: 0.01
        replicates: 6
        methods: [approach2, {vpnls: {grid_step: 0.02}}]
        extrapolate_to: [1e24]
        bootstrap:
          resamples: 30
          interval: [percentile, bca]
        """;

    [Fact]
    public void OneProcess_ThreeShards_AndAKilledThenResumedRun_GiveIdenticalIntervals()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "scale.yaml");
        File.WriteAllText(config, ScaleConfig);
        string whole = Path.Combine(dir, "whole"), killed = Path.Combine(dir, "killed"), sharded = Path.Combine(dir, "sharded");
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", whole, "--device", "cpu").Exit);
        for (int i = 0; i < 3; i++) Assert.Equal(0, CliRunner.Run("sweep", config, "--out", sharded, "--device", "cpu", "--shard", $"{i}/3").Exit);

        Process victim = SweepProcess.Start("sweep", config, "--out", killed, "--device", "cpu");
        var clock = Stopwatch.StartNew();
        while (SweepProcess.Parts(killed, "intervals") < 2 && clock.Elapsed < TimeSpan.FromSeconds(120) && !victim.HasExited) Thread.Sleep(10);
        victim.Kill(entireProcessTree: true);
        victim.WaitForExit();
        Assert.True(SweepProcess.Parts(killed, "records") < SweepProcess.Parts(whole, "records"), "the sweep finished before it was killed");
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", killed, "--device", "cpu", "--resume").Exit);

        foreach (string table in new[] { "intervals", "records" })
        {
            var reference = SweepProcess.Rows(whole, table);
            Assert.Equal(reference, SweepProcess.Rows(sharded, table));
            Assert.Equal(reference, SweepProcess.Rows(killed, table));
        }
        // 6 jobs × 6 replicates × 2 kinds × (approach2: 2 exponents + N*, D*; vpnls: 7 + N*, D*, L*)
        Assert.Equal(6 * 6 * 2 * (4 + 10), SweepProcess.Rows(whole, "intervals").Count);
    }

    // Doubling σ doubles the noise in every loss; the bootstrap spread of α follows it (the fit is smooth in the noise).
    [Fact]
    public void DoublingTheNoise_MultipliesTheMedianAlphaIntervalWidthByAboutTwo()
    {
        const string yaml = """
            name: physics
            seed: 21
            surfaces: [chinchilla]
            design:
              budgets: [1e17, 1e18, 1e19, 1e20, 1e21]
              points_per_budget: 15
              width: {factors: [10]}
              noise: [0.005, 0.01]
            replicates: 40
            methods: [{vpnls: {grid_step: 0.02}}]
            extrapolate_to: [1e24]
            bootstrap:
              resamples: 100
              resample: points
            """;
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "physics.yaml");
        File.WriteAllText(config, yaml);
        SweepOutcome outcome = SweepRunner.Run(SweepConfigReader.Read(config), config, new SweepRunOptions(Path.Combine(dir, "out")), new HostDevice());
        double Width(double noise) => SweepSummary.Coverage(outcome.Intervals.Where(r => r.Job.Noise == noise).ToList()).Single(r => r.Quantity == QuantityKind.Alpha).MedianRelWidth;
        double ratio = Width(0.01) / Width(0.005);
        Assert.InRange(ratio, 1.7, 2.3);
    }
}
