using System.CommandLine;
using System.Globalization;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Sweeps;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu sweep CONFIG.yaml</c>: simulate and fit a design product, writing a Parquet data set.</summary>
internal static class SweepCommand
{
    public const string Name = "sweep";
    public const string Description = "Simulate IsoFLOP experiments from a YAML config, fit them with every method, and write a Hive-partitioned Parquet data set.";

    public static Command Create()
    {
        var config = new Argument<string>("CONFIG") { Description = "Sweep YAML (see configs/quickstart.yaml and docs/configs.md)." };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: sweeps/NAME)." };
        var shard = new Option<(int, int)>("--shard") { Description = "Run shard I of N (I = 0 … N−1; job j belongs to shard j mod N).", DefaultValueFactory = _ => (0, 1), CustomParser = ParseShard };
        var resume = new Option<bool>("--resume") { Description = "Skip complete parts and redo partial ones." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan size and estimated cost; run nothing." };
        var device = new NameOption<DeviceKind>("--device", "auto, cpu, cuda or opencl.", CommandActions.Devices, DeviceKind.Auto);
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of internal errors." };
        var command = new Command(Name, Description)
        {
            config, outDir, shard, resume, dryRun, device, verbose,
        };
        command.SetAction(parse => CommandActions.Guarded(parse, verbose, () =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(config)!;
            SweepConfig sweep = SweepConfigReader.Read(path);
            if (parse.GetValue(dryRun))
            {
                var (jobs, fits, cells, seconds, bytes) = SweepSummary.Estimate(sweep);
                long dataSets = (long)jobs * sweep.Replicates;
                string perSet = sweep.Bootstrap is { } b
                    ? $" × (1 full + {b.Resamples} resamples{(b.NeedsJackknife ? " + jackknife rows for BCa" : "")})" : "";
                stdout.WriteLine($"{sweep.Name}: {jobs} jobs × {sweep.Replicates} replicates = {dataSets:N0} data sets{perSet} × {sweep.Methods.Count} methods = {fits:N0} fits; " +
                                 $"{cells:G3} grid cells; ~{(seconds < 120 ? $"{seconds:F0} s" : $"{seconds / 60:F1} min")} on this machine's CPU; ~{bytes / 1e6:F0} MB peak grid memory; " +
                                 $"{dataSets * sweep.Methods.Count * sweep.ExtrapolateTo.Count:N0} records");
                return ExitCodes.Ok;
            }
            var (index, count) = parse.GetValue(shard);
            var run = new SweepRunOptions(parse.GetValue(outDir) ?? DefaultFolder(sweep, path), index, count, parse.GetValue(resume));
            using IComputeDevice compute = CommandActions.OpenDevice(device.Value(parse), stderr);
            SweepOutcome outcome = ProgressBar.Run("sweep", true, progress => SweepRunner.Run(sweep, path, run, compute, progress));
            stderr.WriteLine($"scalinggpu: {outcome.JobsRun} jobs run, {outcome.JobsSkipped} skipped as complete, {outcome.Seconds:F1} s; data set in {Path.Combine(run.OutDirectory, "records")}");
            if (outcome.JobsSkipped > 0 && outcome.JobsRun > 0)
                stdout.WriteLine($"The summaries below cover the {outcome.JobsRun} jobs run now; 'scalinggpu plot {run.OutDirectory}' reports the whole data set.");
            PrintSummary(outcome.Records, stdout);
            PrintCoverage(outcome.Intervals, stdout);
            return ExitCodes.Ok;
        }));
        return command;
    }

    // sweeps/NAME, when the name can be one folder's name (not a path: '../x' or '/tmp/x' would write elsewhere).
    static string DefaultFolder(SweepConfig sweep, string path)
    {
        string name = sweep.Name;
        if (name.StartsWith('.') || name.Any(ch => !(char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.')))
            throw new InputDataException($"{path}: name '{name}' cannot be the folder of sweeps/NAME (letters, digits, '_', '-' and '.' only); add --out DIR, or rename the sweep.");
        return Path.Combine("sweeps", name);
    }

    static void PrintSummary(IReadOnlyList<SweepRecord> records, TextWriter output)
    {
        if (records.Count == 0) return;
        // Per design when there are few, then every method over all designs.
        bool perDesign = records.Select(r => r.Job).Distinct().Count() <= 40;
        output.WriteLine("|a|, |b| relative errors of the exponents and |D*| relative error at the extrapolation budgets (percent; gm = geometric mean):");
        output.WriteLine($"  {"design",-44} {"method",-14} {"fits",6} {"failed",6} {"med a",8} {"max a",8} {"med b",8} {"max b",8} {"gm a,b",8} {"med D*",8} {"max D*",8}");
        var rows = (perDesign ? SweepSummary.Of(records, true) : []).Concat(SweepSummary.Of(records, false));
        foreach (SummaryRow r in rows)
            output.WriteLine($"  {r.Design,-44} {r.Method,-14} {r.Fits,6} {r.Failed,6} {P(r.MedianA),8} {P(r.MaxA),8} {P(r.MedianB),8} {P(r.MaxB),8} {P(r.GeoMeanAB),8} {P(r.MedianD),8} {P(r.MaxD),8}");
    }

    static void PrintCoverage(IReadOnlyList<IntervalRecord> intervals, TextWriter output)
    {
        if (intervals.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Interval coverage (share of replicates whose interval holds the truth, with its 95% Wilson interval; 'undef': replicates without an interval, left out) and median relative width (percent of |truth|):");
        output.WriteLine($"  {"design",-44} {"method",-14} {"quantity",-16} {"compute",8} {"interval",-10} {"level",5} {"sets",5} {"undef",5} {"coverage [95% Wilson]",22} {"med width",9}");
        foreach (CoverageRow r in SweepSummary.Coverage(intervals))
            output.WriteLine($"  {r.Design,-44} {r.Method,-14} {r.Quantity.Name(),-16} {(double.IsNaN(r.Compute) ? "" : r.Compute.ToString("0.##e0", CultureInfo.InvariantCulture)),8} " +
                             $"{r.Kind.Name(),-10} {r.Level,5:0.###} {r.DataSets,5} {r.Undefined,5} {(r.DataSets == 0 ? "-" : $"{r.Coverage:F3} [{r.CoverageLo:F3}, {r.CoverageHi:F3}]"),22} {P(r.MedianRelWidth),9}");
    }

    static string P(double v) => double.IsFinite(v) ? (100 * v).ToString("F3", CultureInfo.InvariantCulture) : "-";

    static (int, int) ParseShard(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 0 && i < n) return (i, n);
        result.AddError($"--shard: '{text}' is not I/N with 0 ≤ I < N (e.g. 0/4)");
        return default;
    }
}
