using MathNet.Numerics.Distributions;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Predictions;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>
/// Prediction intervals against fresh data: 200 data sets simulated from the Chinchilla surface (5 budgets 1e17..1e21 × 15
/// points, W = 10, σ = 0.01), each fitted by VPNLS (grid step 0.02 + refinement) and bootstrapped with 100 within-budget
/// resamples; at 4 targets per data set (N* at 1e18 and 1e20, the edge of the 1e19 curve, and N* at 1e22, beyond the
/// data) a fresh run is drawn from the true surface with the same σ (System.Random, independent of the tool's Philox).
/// The 90% prediction interval must hold 0.85–0.95 of the 800 fresh runs (binomial SE 0.011, so ±4 SE), and every
/// confidence interval must be narrower than its prediction interval.
/// </summary>
public sealed class PredictionIntervalTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void NinetyPercentPredictionIntervals_HoldNinetyPercentOfFreshRuns()
    {
        LossSurface truth = NamedSurfaces.Chinchilla;
        var design = new IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10);
        double n19 = truth.OptimalParams(1e19) * 10;   // the largest model of the 1e19 curve
        double[] n = [truth.OptimalParams(1e18), truth.OptimalParams(1e20), n19, truth.OptimalParams(1e22)];
        double[] d = [truth.OptimalTokens(1e18), truth.OptimalTokens(1e20), 1e19 / (6 * n19), truth.OptimalTokens(1e22)];
        var targets = new PredictionPoints("targets", PredictionTarget.Point, ["a", "b", "c", "d"], n, d, n.Zip(d, (x, y) => 6 * x * y).ToArray());
        var options = new FitOptions { VarPro = VarProOptions.Default with { GridStep = 0.02 }, TargetCompute = [] };
        var random = new Random(20261127);
        using var device = new HostDevice();
        int inside = 0, trials = 0;
        for (int set = 0; set < 200; set++)
        {
            RunTable runs = design.Sample(truth, noise: 0.01, seed: 11, replicate: set);
            var bootstrap = new BootstrapOptions { Resamples = 100, Level = 0.9, Seed = (ulong)set };
            FitReport report = Fitter.Fit(runs, options, device, bootstrap);
            foreach (Prediction p in Predictor.Predict(targets, report))
            {
                PredictedLoss l = p.Loss;
                Assert.True(l.CiHi - l.CiLo < l.PiHi - l.PiLo, $"data set {set}, {p.Row}: CI {l.CiLo}..{l.CiHi} not narrower than PI {l.PiLo}..{l.PiHi}");
                double fresh = truth.Loss(p.Params, p.Tokens) + 0.01 * Normal.Sample(random, 0, 1);
                if (l.PiContains(fresh)) inside++;
                trials++;
            }
        }
        double share = (double)inside / trials;
        output.WriteLine($"{inside} of {trials} fresh runs inside the 90% prediction interval ({share:F3})");
        Assert.True(share is >= 0.85 and <= 0.95, $"{inside} of {trials} fresh runs inside the 90% PI ({share:F3})");
    }
}
