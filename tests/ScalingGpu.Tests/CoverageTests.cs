using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Sweeps;
using ScalingGpu.Models;

namespace ScalingGpu.Tests;

/// <summary>
/// Coverage, which no published anchor reports, against an independent scipy study of the same design (400 data sets ×
/// 200 point resamples: 95% percentile coverage α 0.935, β 0.918, a 0.918): Chinchilla surface, 5 budgets × 15 points,
/// W = 10, σ 0.01, through a CI sweep. The binomial SD at 400 data sets is 0.012, so [0.89, 0.98] is about ±3 SD.
/// Grid step 0.02 + refinement instead of 0.01 keeps the test near 30 s on 2 cores; refinement makes the optimum the
/// same to ~1e-6 either way, so the intervals barely move.
/// </summary>
public sealed class CoverageTests
{
    const string Config = """
        name: coverage-test
        seed: 77
        surfaces: [chinchilla]
        design:
          budgets: [1e17, 1e18, 1e19, 1e20, 1e21]
          points_per_budget: 15
          width: {factors: [10]}
          noise: 0.01
        replicates: 400
        methods: [{vpnls: {grid_step: 0.02}}]
        extrapolate_to: [1e24]
        bootstrap:
          resamples: 200
          resample: points
        """;

    [Fact]
    public void VpnlsPercentileIntervals_CoverAlphaBetaAndA_AsTheIndependentStudyFound()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "coverage.yaml");
        File.WriteAllText(config, Config);
        SweepOutcome outcome = SweepRunner.Run(SweepConfigReader.Read(config), config, new SweepRunOptions(Path.Combine(dir, "out")), new HostDevice());
        var rows = SweepSummary.Coverage(outcome.Intervals);
        foreach (QuantityKind q in new[] { QuantityKind.Alpha, QuantityKind.Beta, QuantityKind.NOptExponent })
        {
            CoverageRow row = rows.Single(r => r.Quantity == q && r.Kind == IntervalKind.Percentile && r.Level == 0.95);
            Assert.Equal(400, row.DataSets);
            Assert.True(row.Coverage is >= 0.89 and <= 0.98, $"{q.Name()} coverage {row.Coverage:F3}");
        }
    }

    [Fact]
    public void UndefinedIntervals_AreCountedApart_NotAsMisses()
    {
        SweepJob job = SweepPlan.Expand(SweepConfigReader.Parse(Config, "c.yaml"))[0];
        IntervalRecord Row(int replicate, double lo, double hi) =>
            new(job, replicate, "vpnls", QuantityKind.Alpha, double.NaN, IntervalKind.Percentile, 0.95, 0.34, 0.34, lo, hi, double.NaN, 200, 0);
        // Three intervals hold the truth 0.34, one misses it, two are undefined (every resample failed).
        IntervalRecord[] rows = [Row(0, 0.3, 0.4), Row(1, 0.33, 0.35), Row(2, 0.2, 0.5), Row(3, 0.35, 0.36), Row(4, double.NaN, double.NaN), Row(5, double.NaN, double.NaN)];
        CoverageRow row = Assert.Single(SweepSummary.Coverage(rows));
        Assert.Equal(4, row.DataSets);
        Assert.Equal(2, row.Undefined);
        Assert.Equal(0.75, row.Coverage);
        // Wilson at z = 1.959964: centre (p + z²/2n)/(1 + z²/n), half z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), by hand: [0.3006, 0.9544].
        Assert.Equal(0.3006, row.CoverageLo, 4);
        Assert.Equal(0.9544, row.CoverageHi, 4);
        Assert.True(double.IsNaN(SweepSummary.Coverage(rows[4..]).Single().Coverage));
    }

    /// <summary>Wilson's score interval by hand (z = 1.959964): 100 of 100 is [0.9630, 1] where p ± SE said 1 ± 0.</summary>
    [Theory]
    [InlineData(100, 100, 0.9630, 1.0)]
    [InlineData(99, 100, 0.9455, 0.9982)]
    [InlineData(0, 20, 0.0, 0.1611)]
    public void WilsonInterval_MatchesTheClosedForm(int hits, int n, double lo, double hi)
    {
        var (a, b) = SampleStatistics.WilsonInterval(hits, n);
        Assert.Equal(lo, a, 4);
        Assert.Equal(hi, b, 4);
    }
}
