using System.Diagnostics;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Kernels;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Bench;

/// <summary>
/// The one-shot GPU check (bench/gpu-check.sh): every kernel family on CUDA against the host path on the same inputs,
/// then W1–W5 on CUDA and on the host CPU in one process, with the same-result checks and achieved FP64 rates. Each step
/// is isolated (a failing kernel is reported and the rest still runs) and the report file is rewritten after every
/// line, so a lease that ends early still leaves what was measured.
/// </summary>
internal sealed class GpuCheck(string root, string reportPath, string[]? only = null)
{
    readonly List<string> lines = [];

    /// <param name="only">Step names to run (e.g. multiplicities, W5) for a short device check; null runs all.</param>
    public static int Run(string root, string outDirectory, string[]? only = null)
    {
        Directory.CreateDirectory(outDirectory);
        Trace.Listeners.Add(new TextWriterTraceListener(Console.Error));   // ILGPU writes a failed PTX JIT's log here
        Trace.AutoFlush = true;
        return new GpuCheck(root, Path.Combine(outDirectory, "RESULTS-gpu.md"), only).Run();
    }

    int Run()
    {
        Line("# GPU check");
        Line();
        Line($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; host: {Environment.ProcessorCount} threads, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        foreach (DeviceInfo d in DeviceInventory.List())
            Line($"- Device: {d.Kind} — {d.Name}, {d.MemoryBytes / (1 << 20):N0} MiB{(d.Note is null ? "" : $" ({d.Note})")}");
        IlgpuDevice? cuda = IlgpuDevice.TryCreate(AcceleratorType.Cuda, out string whyNot);
        if (cuda is null)
        {
            Line($"- No CUDA device: {whyNot}. Nothing to check; exit 0.");
            return 0;
        }
        using IlgpuDevice gpu = cuda;
        using IlgpuDevice? gpuDirect = IlgpuDevice.TryCreate(AcceleratorType.Cuda, out _, directOnly: true);
        double peak = PeakFp64(gpu);
        Line($"- CUDA accelerator: {gpu.Name}; {Describe(gpu)}; FP64 peak (non-tensor, SMs × 64 FMA × 2 × clock) {peak / 1e12:F1} TFLOP/s");
        Line();
        var host = new HostDevice();
        RunTable runs = Workloads.Llama3(root);

        Line("## Kernel checks (CUDA against the host path, same inputs)");
        Line();
        Line("| kernel family | inputs | max relative difference | same argmin cells | seconds (CUDA, after compile) |");
        Line("|---|---|---:|---|---:|");
        Step("multiplicities", () => CheckMultiplicities(runs, gpu, host));
        Step("simulation", () => CheckSimulation(gpu, host));
        Step("MSE moments", () => CheckGrid("MSE grid, sufficient statistics (tiled cross product + solve)", runs, CellObjectiveSpec.Mse, gpu, host));
        Step("MSE shortlist", () => CheckShortlist(runs, gpu, host));
        if (gpuDirect is not null)
        {
            Step("MSE direct", () => CheckGrid("MSE grid, direct per-cell kernel", runs, CellObjectiveSpec.Mse, gpuDirect, new HostDevice(directOnly: true)));
            Step("Huber direct", () => CheckGrid("Huber grid (semismooth Newton per cell), δ 1e−3", runs, VarPro.GridSpec(VarProOptions.Default with { Objective = FitObjective.Huber }), gpuDirect, new HostDevice(directOnly: true)));
            Step("log direct", () => CheckGrid("log-space grid (Gauss–Newton per cell)", runs, VarPro.GridSpec(VarProOptions.Default with { Space = LossSpace.Log }), gpuDirect, new HostDevice(directOnly: true), logSpace: true));
        }
        Line();

        Line("## Workloads (CUDA and host CPU in the same process)");
        Line();
        Line("| workload | device | seconds | CUDA speed-up | achieved FP64 | same result |");
        Line("|---|---|---:|---:|---|---|");
        Step("W1", () => GridWorkload("W1 MSE grid 981²", runs, 0.001, FitObjective.Mse, gpu, host, peak));
        Step("W3", () => GridWorkload("W3 Huber grid 327²", runs, 0.003, FitObjective.Huber, gpu, host, peak));
        Step("W2 grid stage", () => ShortlistWorkload(runs, 1000, gpu, host, peak));
        Step("W2", () => BootstrapWorkload(runs, 1000, ResampleUnit.WithinBudget, gpu, host, peak));
        Step("W2p", () => BootstrapWorkload(runs, 1000, ResampleUnit.Points, gpu, host, peak));
        Step("W5", () => CoverageWorkload(gpu, host));
        Step("W4", () => SweepWorkload(gpu, host));
        Line();
        Line("Achieved FP64 counts the cross-product GEMM's 2·R·Gα·Gβ·n flops (the dominant term) over the stage's wall time.");
        return 0;
    }

    void CheckMultiplicities(RunTable runs, IComputeDevice gpu, IComputeDevice host)
    {
        foreach (ResampleUnit unit in new[] { ResampleUnit.Points, ResampleUnit.WithinBudget, ResampleUnit.Budgets })
        {
            ResamplePlan plan = ResamplePlan.For(runs, unit);
            const int count = 4096;
            var onGpu = new double[count * runs.Count];
            var onHost = new double[count * runs.Count];
            gpu.Multiplicities(plan.Arrays, 7, 1000, count, onGpu);
            var clock = Stopwatch.StartNew();
            gpu.Multiplicities(plan.Arrays, 7, 1000, count, onGpu);
            double seconds = clock.Elapsed.TotalSeconds;
            host.Multiplicities(plan.Arrays, 7, 1000, count, onHost);
            int differing = onGpu.Where((v, i) => v != onHost[i]).Count();
            Line($"| resample multiplicities ({unit.Name()}) | Llama 3, {count} resamples from key 1000 | {(differing == 0 ? "0 (bit-identical)" : $"{differing} values differ")} | — | {seconds:F4} |");
        }
    }

    void CheckSimulation(IComputeDevice gpu, IComputeDevice host)
    {
        var design = new IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10);
        LossSurface s = NamedSurfaces.Chinchilla;
        var (n, d, _) = design.Points(s);
        var shape = new SimulationShape(s.E, s.A, s.B, s.Alpha, s.Beta, 0.01, 11, 500, n.Length, 2048);
        var onGpu = new double[n.Length * 2048];
        var onHost = new double[onGpu.Length];
        gpu.SimulateLosses(n, d, shape, onGpu);
        var clock = Stopwatch.StartNew();
        gpu.SimulateLosses(n, d, shape, onGpu);
        double seconds = clock.Elapsed.TotalSeconds;
        host.SimulateLosses(n, d, shape, onHost);
        Line($"| simulated losses (Philox normal noise) | Chinchilla, 75 points × 2048 replicates | {MaxRel(onHost, onGpu):E2} | — | {seconds:F4} |");
    }

    void CheckGrid(string name, RunTable runs, CellObjectiveSpec spec, IComputeDevice gpu, IComputeDevice host, bool logSpace = false)
    {
        // Step 0.01 grid with 8 within-budget resamples of multiplicities (zeros included): every kernel path at once.
        const int resamples = 8;
        var tables = PointTables.From(runs, logSpace ? LossSpace.Log : LossSpace.Raw);
        var options = VarProOptions.Default with { GridStep = 0.01 };
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        var weights = new double[resamples * runs.Count];
        ResamplePlan.For(runs, ResampleUnit.WithinBudget).HostMultiplicities(3, 0, resamples, weights);
        var y = Enumerable.Range(0, resamples).SelectMany(_ => tables.Y).ToArray();
        var problem = new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens),
                                      y, weights, new GridShape(alphas.Length, betas.Length, runs.Count, resamples));
        var onGpu = new double[problem.Shape.WorkItems];
        var onHost = new double[problem.Shape.WorkItems];
        gpu.EvaluateGrid(problem, spec, onGpu);
        var clock = Stopwatch.StartNew();
        gpu.EvaluateGrid(problem, spec, onGpu);
        double seconds = clock.Elapsed.TotalSeconds;
        host.EvaluateGrid(problem, spec, onHost);
        int cells = (int)problem.Shape.CellsPerResample, sameArgmin = 0;
        for (int r = 0; r < resamples; r++)
            if (ArgMin(onGpu.AsSpan(r * cells, cells)) == ArgMin(onHost.AsSpan(r * cells, cells))) sameArgmin++;
        Line($"| {name} | Llama 3, 99² cells × {resamples} resamples | {MaxRel(onHost, onGpu):E2} | {sameArgmin} of {resamples} | {seconds:F4} |");
    }

    void CheckShortlist(RunTable runs, IComputeDevice gpu, IComputeDevice host)
    {
        GridProblem problem = ResampledProblem(runs, 0.01, 8);
        var (gpuSeconds, gpuCells, gpuValues) = TimeShortlist(gpu, problem);
        var (_, hostCells, hostValues) = TimeShortlist(host, problem);
        // The GPU fuses multiplies and adds (FMA) and the host interpolates its β table: values agree to ~1e−10, so cells
        // whose objectives tie to that accuracy may swap places; only a different set of cells is a disagreement.
        int differ = Enumerable.Range(0, 8).Sum(r => 16 - gpuCells.AsSpan(r * 16, 16).ToArray().Intersect(hostCells.AsSpan(r * 16, 16).ToArray()).Count());
        string cells = gpuCells.SequenceEqual(hostCells) ? "all 16 cells same" : differ == 0 ? "same 16 cells, near-ties in another order" : $"{differ} cells differ";
        Line($"| MSE grid shortlist (best 16 cells per resample, screened nested sub-grids on the device) | Llama 3, 99² cells × 8 resamples | {MaxRel(hostValues, gpuValues):E2} | " +
             $"{cells} | {gpuSeconds:F4} |");
    }

    // The grid stage of W2 alone: 1,000 within-budget resamples of the 981² grid to each resample's best 16 cells.
    void ShortlistWorkload(RunTable runs, int resamples, IComputeDevice gpu, IComputeDevice host, double peak)
    {
        GridProblem problem = ResampledProblem(runs, 0.001, resamples);
        var (gpuSeconds, gpuCells, _) = TimeShortlist(gpu, problem);
        var (hostSeconds, hostCells, _) = TimeShortlist(host, problem);
        double flops = 2.0 * problem.Shape.WorkItems * runs.Count;
        int same = Enumerable.Range(0, resamples).Count(r => gpuCells[r * 16] == hostCells[r * 16]);
        string fallbacks = gpu is IlgpuDevice { ScreenFallbacks: > 0 } screened ? $"; {screened.ScreenFallbacks} resamples took the dense route since the check began" : "";
        Line($"| W2 grid stage: {resamples} resamples × 981² → best 16 cells each | CUDA | {gpuSeconds:F3} | {hostSeconds / gpuSeconds:F1}× | {flops / gpuSeconds / 1e9:F0} GFLOP/s, {flops / gpuSeconds / peak:P1} of peak | best cell same in {same} of {resamples}{fallbacks} |");
        if (gpu is IlgpuDevice { LastScreenLevels: [.., var finest] } device)
        {
            // The finest level's kernel alone: every cell's cross sums (the GEMM flops), bound, and the solves it lets through.
            string levels = string.Join(", ", device.LastScreenLevels.Select(l => $"stride {l.Stride}: {l.Seconds * 1e3:F2} ms"));
            Line($"| W2 grid stage, finest screening kernel alone ({levels}) | CUDA | {finest.Seconds:F4} | | {flops / finest.Seconds / 1e9:F0} GFLOP/s, {flops / finest.Seconds / peak:P1} of peak | |");
        }
        if (gpu is IlgpuDevice ilgpu)
        {
            // The previous route on the same inputs: the dense grid (tiled kernel) in device memory, then the segment shortlist.
            int capacity = ilgpu.ScreenCapacity;
            ilgpu.ScreenCapacity = 0;
            var (denseSeconds, denseCells, _) = TimeShortlist(gpu, problem);
            ilgpu.ScreenCapacity = capacity;
            Line($"| W2 grid stage, dense route (whole grid in device memory, then the shortlist) | CUDA | {denseSeconds:F3} | | {flops / denseSeconds / 1e9:F0} GFLOP/s, {flops / denseSeconds / peak:P1} of peak | same 16 cells as the screened route: {denseCells.SequenceEqual(gpuCells)} |");
        }
        Line($"| W2 grid stage: {resamples} resamples × 981² → best 16 cells each | host CPU | {hostSeconds:F3} | | {flops / hostSeconds / 1e9:F0} GFLOP/s (dense-equivalent) | |");
    }

    static GridProblem ResampledProblem(RunTable runs, double step, int resamples)
    {
        var tables = PointTables.From(runs, LossSpace.Raw);
        var options = VarProOptions.Default with { GridStep = step };
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        var weights = new double[resamples * runs.Count];
        ResamplePlan.For(runs, ResampleUnit.WithinBudget).HostMultiplicities(3, 0, resamples, weights);
        return new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens),
                               Enumerable.Range(0, resamples).SelectMany(_ => tables.Y).ToArray(), weights, new GridShape(alphas.Length, betas.Length, runs.Count, resamples));
    }

    // One warm-up call (kernel compile), then one timed call.
    static (double Seconds, int[] Cells, double[] Values) TimeShortlist(IComputeDevice device, GridProblem problem)
    {
        var cells = new int[problem.Shape.ResampleCount * 16];
        var values = new double[cells.Length];
        device.SmallestCells(problem, CellObjectiveSpec.Mse, 16, cells, values);
        var clock = Stopwatch.StartNew();
        device.SmallestCells(problem, CellObjectiveSpec.Mse, 16, cells, values);
        return (clock.Elapsed.TotalSeconds, cells, values);
    }

    void GridWorkload(string name, RunTable runs, double step, FitObjective objective, IComputeDevice gpu, IComputeDevice host, double peak)
    {
        var options = VarProOptions.Default with { GridStep = step, Objective = objective };
        var tables = PointTables.From(runs, LossSpace.Raw);
        double[] alphas = options.AlphaAxis.Values(), betas = options.BetaAxis.Values();
        var problem = new GridProblem(PointTables.PowerTable(alphas, tables.LogParams), PointTables.PowerTable(betas, tables.LogTokens),
                                      tables.Y, Enumerable.Repeat(1.0, runs.Count).ToArray(), new GridShape(alphas.Length, betas.Length, runs.Count, 1));
        CellObjectiveSpec spec = VarPro.GridSpec(options);
        var (gpuSeconds, gpuObjective) = TimeGrid(gpu, problem, spec);
        var (hostSeconds, hostObjective) = TimeGrid(host, problem, spec);
        double flops = 2.0 * alphas.Length * betas.Length * runs.Count;
        bool same = ArgMin(gpuObjective) == ArgMin(hostObjective);
        string rate = objective == FitObjective.Mse ? $"{flops / gpuSeconds / 1e9:F1} GFLOP/s, {flops / gpuSeconds / peak:P1} of peak" : "—";
        Line($"| {name} (grid only, best of 3) | CUDA | {gpuSeconds:F4} | {hostSeconds / gpuSeconds:F1}× | {rate} | argmin {(same ? "same" : "DIFFERS")}, max rel diff {MaxRel(hostObjective, gpuObjective):E1} |");
        Line($"| {name} (grid only, best of 3) | host CPU | {hostSeconds:F4} | | {(objective == FitObjective.Mse ? $"{flops / hostSeconds / 1e9:F1} GFLOP/s" : "—")} | |");
        var clock = Stopwatch.StartNew();
        SurfaceFit onGpu = VarPro.Fit(runs, options, gpu);
        double fitGpu = clock.Elapsed.TotalSeconds;
        clock.Restart();
        SurfaceFit onHost = VarPro.Fit(runs, options, host);
        double fitHost = clock.Elapsed.TotalSeconds;
        Line($"| {name} full fit (grid + refine) | CUDA / host | {fitGpu:F3} / {fitHost:F3} | {fitHost / fitGpu:F1}× | | {CompareSurfaces([onGpu], [onHost])} |");
    }

    void BootstrapWorkload(RunTable runs, int resamples, ResampleUnit unit, IComputeDevice gpu, IComputeDevice host, double peak)
    {
        var options = new FitOptions { Methods = [FitMethod.Vpnls], TargetCompute = [3.8e25] };
        var bootstrap = new BootstrapOptions { Resamples = resamples, Unit = unit };
        Fitter.Fit(runs, options, gpu, new BootstrapOptions { Resamples = 4, Unit = unit });   // warm-up: kernel compile
        var clock = Stopwatch.StartNew();
        FitReport onGpu = Fitter.Fit(runs, options, gpu, bootstrap);
        double gpuSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        FitReport onHost = Fitter.Fit(runs, options, host, bootstrap);
        double hostSeconds = clock.Elapsed.TotalSeconds;
        double flops = 2.0 * 981 * 981 * runs.Count * (resamples + 1);
        string check = CompareSurfaces(onGpu.Bootstrap!.Fits[0].Surfaces!, onHost.Bootstrap!.Fits[0].Surfaces!);
        IntervalEstimate a = onGpu.Bootstrap.Intervals.Single(i => i.Quantity.Name == "alpha");
        IntervalEstimate b = onHost.Bootstrap.Intervals.Single(i => i.Quantity.Name == "alpha");
        Line($"| W2 bootstrap {resamples} × 981² ({unit.Name()}, end to end) | CUDA | {gpuSeconds:F2} | {hostSeconds / gpuSeconds:F1}× | {flops / gpuSeconds / 1e9:F0} GFLOP/s, {flops / gpuSeconds / peak:P1} of peak | {check}; α 95% [{a.Lo:F6}, {a.Hi:F6}] vs [{b.Lo:F6}, {b.Hi:F6}] |");
        Line($"| W2 bootstrap {resamples} × 981² ({unit.Name()}, end to end) | host CPU | {hostSeconds:F2} | | {flops / hostSeconds / 1e9:F0} GFLOP/s | |");
    }

    // configs/paper/coverage.yaml cut to 100 data sets, on the GPU and on the host; the interval data sets must agree.
    void CoverageWorkload(IComputeDevice gpu, IComputeDevice host)
    {
        string config = Path.Combine(root, "configs", "paper", "coverage.yaml");
        var sweep = Sweeps.SweepConfigReader.Read(config) with { Replicates = 100 };
        (double Seconds, List<Sweeps.IntervalRecord> Rows) Run(IComputeDevice device)
        {
            string outDir = Path.Combine(Path.GetTempPath(), $"scalinggpu-gpucheck-w5-{Guid.NewGuid():N}");
            try
            {
                var clock = Stopwatch.StartNew();
                var outcome = Sweeps.SweepRunner.Run(sweep, config, new Sweeps.SweepRunOptions(outDir), device);
                return (clock.Elapsed.TotalSeconds, outcome.Intervals.ToList());
            }
            finally { Directory.Delete(outDir, recursive: true); }
        }
        var (gpuSeconds, onGpu) = Run(gpu);
        var (hostSeconds, onHost) = Run(host);
        bool same = onGpu.Count == onHost.Count && onGpu.Zip(onHost).All(p => p.First.Covered == p.Second.Covered);
        double maxDiff = onGpu.Zip(onHost).Where(p => double.IsFinite(p.First.Width) && p.First.Width > 0)
            .Select(p => Math.Max(Math.Abs(p.First.Lo - p.Second.Lo), Math.Abs(p.First.Hi - p.Second.Hi)) / p.First.Width).DefaultIfEmpty(0).Max();
        double alpha = onGpu.Where(r => r.Quantity == QuantityKind.Alpha && r.Level == 0.95 && r.Kind == IntervalKind.Percentile).Average(r => r.Covered ? 1.0 : 0.0);
        long fits = Sweeps.SweepPlan.Expand(sweep).Sum(j => Sweeps.SweepRunner.FitsOf(sweep, j));
        Line($"| W5 CI sweep: coverage.yaml with 100 data sets × (1 + 200 point resamples + 75 jackknife), grid 0.01 + refine | CUDA / host | {gpuSeconds:F2} / {hostSeconds:F2} | {hostSeconds / gpuSeconds:F1}× | {fits / gpuSeconds:F0} / {fits / hostSeconds:F0} fits/s | covered flags {(same ? "identical" : "DIFFER")}, max bound difference {maxDiff:E1} of the width (α 95% percentile coverage {alpha:F2}) |");
    }

    void SweepWorkload(IComputeDevice gpu, IComputeDevice host)
    {
        string config = Path.Combine(root, "configs", "paper", "exp7_noise_inference.yaml");
        var sweep = Sweeps.SweepConfigReader.Read(config);
        (double, IReadOnlyList<Sweeps.SweepRecord>) Once(IComputeDevice device)
        {
            string outDir = Path.Combine(Path.GetTempPath(), $"scalinggpu-gpucheck-{Guid.NewGuid():N}");
            try
            {
                var clock = Stopwatch.StartNew();
                var outcome = Sweeps.SweepRunner.Run(sweep, config, new Sweeps.SweepRunOptions(outDir), device);
                return (clock.Elapsed.TotalSeconds, outcome.Records);
            }
            finally { Directory.Delete(outDir, recursive: true); }
        }
        var (gpuSeconds, onGpu) = Once(gpu);
        var (hostSeconds, onHost) = Once(host);
        var key = (Sweeps.SweepRecord r) => (r.Job, r.Replicate, r.Method, r.ExtrapolationCompute);
        var hostByKey = onHost.ToDictionary(key);
        double worst = 0;
        foreach (var r in onGpu.Where(r => r.Method == "vpnls"))
        {
            var h = hostByKey[key(r)];
            foreach (var (x, y) in new[] { (r.Alpha, h.Alpha), (r.Beta, h.Beta), (r.E, h.E), (r.A, h.A), (r.B, h.B) })
                if (double.IsFinite(x) || double.IsFinite(y)) worst = Math.Max(worst, Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300));
        }
        Line($"| W4 exp7 sweep (9,216 data sets × 3 methods; Approach 3 always on the host) | CUDA / host | {gpuSeconds:F1} / {hostSeconds:F1} | {hostSeconds / gpuSeconds:F1}× | | VPNLS parameters max rel diff {worst:E1} over {onGpu.Count(r => r.Method == "vpnls")} records |");
    }

    static (double Seconds, double[] Objective) TimeGrid(IComputeDevice device, GridProblem problem, CellObjectiveSpec spec)
    {
        var objective = new double[problem.Shape.WorkItems];
        device.EvaluateGrid(problem, spec, objective);   // warm-up: JIT and kernel compile
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            device.EvaluateGrid(problem, spec, objective);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return (best, objective);
    }

    static string CompareSurfaces(IReadOnlyList<SurfaceFit> gpu, IReadOnlyList<SurfaceFit> host)
    {
        double worst = 0;
        int statusDiffers = 0;
        for (int i = 0; i < gpu.Count; i++)
        {
            if (gpu[i].Status != host[i].Status) statusDiffers++;
            LossSurface g = gpu[i].Surface, h = host[i].Surface;
            foreach (var (x, y) in new[] { (g.Alpha, h.Alpha), (g.Beta, h.Beta), (g.E, h.E), (g.A, h.A), (g.B, h.B) })
                if (double.IsFinite(x) || double.IsFinite(y)) worst = Math.Max(worst, Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300));
        }
        return $"{gpu.Count} fits: parameters max rel diff {worst:E1}{(worst <= 1e-9 ? " (≤ 1e−9)" : " (> 1e−9!)")}, status differs in {statusDiffers}";
    }

    // ILGPU's CudaAccelerator.ClockRate is the SM clock in MHz (1980 on an H100 SXM).
    static double PeakFp64(IlgpuDevice device) =>
        device.Accelerator is CudaAccelerator c ? c.NumMultiprocessors * 64.0 * 2 * SmClockHz(c) : double.NaN;

    static double SmClockHz(CudaAccelerator c) => c.ClockRate * 1e6;

    static string Describe(IlgpuDevice device) => device.Accelerator is CudaAccelerator c
        ? $"{c.NumMultiprocessors} SMs at {SmClockHz(c) / 1e9:F2} GHz, compute capability {c.Architecture}, driver API {c.DriverVersion}, {c.MemorySize / (1L << 30)} GiB"
        : device.Name;

    static int ArgMin(ReadOnlySpan<double> values)
    {
        int arg = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] < values[arg]) arg = i;
        return arg;
    }

    static double MaxRel(double[] reference, double[] values)
    {
        double worst = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (reference[i] == values[i]) continue;   // includes +∞ on both
            worst = Math.Max(worst, Math.Abs(values[i] - reference[i]) / Math.Max(Math.Abs(reference[i]), 1e-300));
        }
        return worst;
    }

    void Step(string name, Action action)
    {
        if (only is not null && !only.Contains(name)) return;
        try { action(); }
        catch (Exception e)
        {
            Line($"| {name} | FAILED | {e.GetType().Name}: {e.Message.Split('\n')[0].Replace("|", "/")} | | |");
            Console.Error.WriteLine(e);
        }
    }

    void Line(string text = "")
    {
        Console.WriteLine(text);
        lines.Add(text);
        File.WriteAllLines(reportPath, lines);
    }
}
