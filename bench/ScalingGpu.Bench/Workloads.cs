using System.Diagnostics;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;

namespace ScalingGpu.Bench;

/// <summary>One measured row of the results table.</summary>
internal sealed record Measurement(string Workload, string Route, double Seconds, double CellPoints, double Fits, string Check)
{
    public double CellPointsPerSecond => CellPoints / Seconds;
    public double FitsPerSecond => Fits / Seconds;
}

/// <summary>The benchmark workloads of issue 5, each timed against baselines in the same run.</summary>
internal static class Workloads
{
    static readonly ColumnMap Llama3Columns = new(Params: "N", Tokens: "training_tokens", Compute: "compute_budget", Loss: "validation_loss", Budget: "compute_budget");

    public static RunTable Llama3(string root) => RunTableReader.Read(Path.Combine(root, "configs", "data", "llama3_isoflops.csv"), Llama3Columns);

    /// <summary>W1: one 981² MSE grid on Llama 3 by every route; W3: the Huber grid (δ 1e−3) at step 0.003.</summary>
    public static IEnumerable<Measurement> Grid(RunTable runs, bool huber, IComputeDevice? accelerator)
    {
        var options = VarProOptions.Default with { GridStep = huber ? 0.003 : 0.001, Objective = huber ? FitObjective.Huber : FitObjective.Mse };
        string name = huber ? "W3 Huber grid 327²" : "W1 MSE grid 981²";
        var tables = PointTables.From(runs, LossSpace.Raw);
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        double cellPoints = (double)alphas.Length * betas.Length * runs.Count;
        var ones = Enumerable.Repeat(1.0, runs.Count).ToArray();
        var problem = new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens),
                                      tables.Y, ones, new GridShape(alphas.Length, betas.Length, runs.Count, 1));
        var spec = VarPro.GridSpec(options);

        var clock = Stopwatch.StartNew();
        var (pa, pb, _) = PeerMirror.Grid(tables.LogParams, tables.LogTokens, tables.Y, alphas, betas, huber ? options.Delta : 0);
        yield return new(name, "baseline: peer-mirror loop, 1 thread", clock.Elapsed.TotalSeconds, cellPoints, 1, Cell(alphas, betas, pa * betas.Length + pb));

        var routes = new List<(string, IComputeDevice)> { ("direct cell code, host threads", new HostDevice(directOnly: true)) };
        if (accelerator is not null) routes.Add(("direct kernel, ILGPU " + accelerator.Name, accelerator));
        routes.Add((huber ? "semismooth Newton, 4 β cells per 256-bit vector (--device cpu)" : "sufficient statistics + blocked GEMM (--device cpu)", new HostDevice()));
        foreach (var (route, device) in routes)
        {
            var objective = new double[problem.Shape.WorkItems];
            device.EvaluateGrid(problem, spec, objective);   // warm-up: JIT and kernel compile
            clock.Restart();
            device.EvaluateGrid(problem, spec, objective);
            double seconds = clock.Elapsed.TotalSeconds;
            yield return new(name, route, seconds, cellPoints, 1, Cell(alphas, betas, ArgMin(objective)));
        }
        clock.Restart();
        SurfaceFit fit = VarPro.Fit(runs, options, new HostDevice());
        yield return new(name, "full fit: grid + confirm + L-BFGS refine", clock.Elapsed.TotalSeconds, cellPoints, 1, $"α {fit.Surface.Alpha:F6} β {fit.Surface.Beta:F6}");
    }

    /// <summary>W2: a 1,000-resample within-budget bootstrap of W1 (every resample: full grid + refinement).</summary>
    public static Measurement Bootstrap(RunTable runs, int resamples)
    {
        var options = new FitOptions { Methods = [FitMethod.Vpnls], TargetCompute = [3.8e25] };
        var clock = Stopwatch.StartNew();
        FitReport report = Fitter.Fit(runs, options, new HostDevice(), new BootstrapOptions { Resamples = resamples });
        double seconds = clock.Elapsed.TotalSeconds;
        IntervalEstimate alpha = report.Bootstrap!.Intervals.Single(i => i.Quantity.Name == "alpha");
        double cellPoints = 981.0 * 981 * runs.Count * (resamples + 1);
        return new($"W2 bootstrap {resamples} × 981²", "shortlist: bound-pruned sufficient statistics + refine (--device cpu)", seconds, cellPoints, resamples + 1,
                   $"α 95% [{alpha.Lo:F4}, {alpha.Hi:F4}], failed {alpha.ResamplesFailed}");
    }

    /// <summary>End to end through the CLI (in-process): a 20-resample bootstrap of the 981² grid on Llama 3.</summary>
    public static Measurement CliBootstrap(string root, int resamples)
    {
        string[] args = ["fit", Path.Combine(root, "configs", "data", "llama3_isoflops.csv"), "--tokens", "training_tokens", "--compute", "compute_budget",
                         "--loss", "validation_loss", "--budget", "compute_budget", "--bootstrap", resamples.ToString(), "--json", "--device", "cpu"];
        var clock = Stopwatch.StartNew();
        int exit = ScalingGpu.Cli.Cli.Run(ScalingGpu.Cli.Cli.CreateRoot(), args, TextWriter.Null, TextWriter.Null);
        double seconds = clock.Elapsed.TotalSeconds;
        return new($"CLI fit --bootstrap {resamples}", "scalinggpu fit (in-process, JSON)", seconds, 981.0 * 981 * 133 * (resamples + 1), resamples + 1, $"exit {exit}");
    }

    /// <summary>W4: the exp7 sweep (9,216 simulated data sets, each fitted by VPNLS, Approach 3 with 16 starts and Approach 2).</summary>
    public static Measurement Sweep(string root)
    {
        string config = Path.Combine(root, "configs", "paper", "exp7_noise_inference.yaml");
        string outDir = Path.Combine(Path.GetTempPath(), $"scalinggpu-bench-w4-{Guid.NewGuid():N}");
        var sweep = Sweeps.SweepConfigReader.Read(config);
        try
        {
            var clock = Stopwatch.StartNew();
            var outcome = Sweeps.SweepRunner.Run(sweep, config, new Sweeps.SweepRunOptions(outDir), new HostDevice());
            double seconds = clock.Elapsed.TotalSeconds;
            string summary = string.Join(", ", Sweeps.SweepSummary.Of(outcome.Records, perDesign: false).Select(r => $"{r.Method} geo-mean a,b error {100 * r.GeoMeanAB:F2}%"));
            long fits = outcome.Records.Count / sweep.ExtrapolateTo.Count;
            return new("W4 exp7 sweep, 9,216 data sets × 3 methods", "SweepRunner (--device cpu)", seconds, 0, fits, summary);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>
    /// W5: configs/paper/coverage.yaml (1,000 data sets × (1 + 200 resamples + 75 jackknife rows), VPNLS grid 0.01 + refinement)
    /// through the sweep; <paramref name="dataSets"/> cuts the replicates for a quicker look (fits/s stays comparable).
    /// </summary>
    public static Measurement CoverageSweep(string root, int dataSets)
    {
        string config = Path.Combine(root, "configs", "paper", "coverage.yaml");
        string outDir = Path.Combine(Path.GetTempPath(), $"scalinggpu-bench-w5-{Guid.NewGuid():N}");
        var sweep = Sweeps.SweepConfigReader.Read(config) with { Replicates = dataSets };
        try
        {
            var clock = Stopwatch.StartNew();
            var outcome = Sweeps.SweepRunner.Run(sweep, config, new Sweeps.SweepRunOptions(outDir), new HostDevice());
            double seconds = clock.Elapsed.TotalSeconds;
            long fits = Sweeps.SweepPlan.Expand(sweep).Sum(j => Sweeps.SweepRunner.FitsOf(sweep, j));
            string coverage = string.Join(", ", Sweeps.SweepSummary.Coverage(outcome.Intervals)
                .Where(r => r.Quantity is QuantityKind.Alpha or QuantityKind.Beta or QuantityKind.NOptExponent && r.Level == 0.95 && r.Kind == IntervalKind.Percentile)
                .Select(r => $"{r.Quantity.Name()} {r.Coverage:F3}"));
            return new($"W5 coverage.yaml, {dataSets} data sets × 276 fits", "sweep with bootstrap block (--device cpu)", seconds, 0, fits, $"95% percentile coverage: {coverage}");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    static string Cell(double[] alphas, double[] betas, int index) => $"cell α {alphas[index / betas.Length]:F3} β {betas[index % betas.Length]:F3}";

    static int ArgMin(double[] values)
    {
        int arg = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] < values[arg]) arg = i;
        return arg;
    }
}
