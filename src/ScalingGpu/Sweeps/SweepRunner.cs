using System.Diagnostics;
using System.Text.Json.Nodes;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;

namespace ScalingGpu.Sweeps;

/// <summary>Where and how a sweep runs.</summary>
/// <param name="ShardIndex">I of --shard I/N.</param>
/// <param name="ShardCount">N of --shard I/N.</param>
/// <param name="Resume">Skip jobs whose parts are complete; redo the rest.</param>
public sealed record SweepRunOptions(string OutDirectory, int ShardIndex = 0, int ShardCount = 1, bool Resume = false);

/// <summary>What a run did.</summary>
public sealed record SweepOutcome(int JobsRun, int JobsSkipped, IReadOnlyList<SweepRecord> Records, double Seconds);

/// <summary>
/// Runs a sweep: jobs of this shard in plan order, each simulated per replicate and fitted by every method, written as
/// one Parquet part per (job, method) under OUT/records/method=LABEL/ (atomically), with OUT/manifest.json first.
/// </summary>
public static class SweepRunner
{
    /// <exception cref="InputDataException">Bad shard, or OUT holds another config's sweep, or this shard's results without --resume.</exception>
    public static SweepOutcome Run(SweepConfig config, string configPath, SweepRunOptions run, IComputeDevice device, IProgress<double>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var jobs = SweepPlan.Shard(SweepPlan.Expand(config), run.ShardIndex, run.ShardCount).ToList();
        ParquetStamp stamp = PrepareDirectory(config, configPath, run, jobs, device);
        var records = new List<SweepRecord>();
        int done = 0, skipped = 0;
        foreach (SweepJob job in jobs)
        {
            if (run.Resume && config.Methods.All(m => File.Exists(PartPath(run.OutDirectory, m, job)))) { skipped++; }
            else
            {
                List<SweepRecord> jobRecords = RunJob(config, job, device);
                foreach (MethodSpec method in config.Methods)
                    SweepTables.Records(jobRecords.Where(r => r.Method == method.Label).ToList())
                        .WriteAsync(PartPath(run.OutDirectory, method, job), stamp).GetAwaiter().GetResult();
                records.AddRange(jobRecords);
            }
            progress?.Report(++done / (double)Math.Max(1, jobs.Count));
        }
        return new SweepOutcome(jobs.Count - skipped, skipped, records, clock.Elapsed.TotalSeconds);
    }

    /// <summary>OUT/records/method=LABEL/part-JOB.parquet.</summary>
    public static string PartPath(string outDirectory, MethodSpec method, SweepJob job) =>
        Path.Combine(outDirectory, "records", $"method={method.Label}", $"part-{job.Index:D6}.parquet");

    // All replicates of one job: simulated in one device launch, then fitted in parallel; every method sees the same runs.
    static List<SweepRecord> RunJob(SweepConfig config, SweepJob job, IComputeDevice device)
    {
        var perReplicate = new List<SweepRecord>[config.Replicates];
        RunTable[] simulated = job.Design.Sample(job.Surface.Surface, job.Noise, config.Seed, SweepPlan.ReplicateKey(job, 0, config.Replicates),
                                                 config.Replicates, device);
        // VPNLS: all replicates of the job in batched grid launches (seconds per fit = batch time / replicates).
        var vpnls = new Dictionary<MethodSpec, (SurfaceFit[] Fits, double Seconds)>();
        foreach (MethodSpec method in config.Methods.Where(m => m.Method == FitMethod.Vpnls))
        {
            var batch = Stopwatch.StartNew();
            SurfaceFit[] fits = VarPro.FitReplicates(simulated, method.VarPro, device);
            vpnls[method] = (fits, batch.Elapsed.TotalSeconds / config.Replicates);
        }
        Parallel.For(0, config.Replicates, r =>
        {
            RunTable runs = simulated[r];
            var rows = new List<SweepRecord>();
            foreach (MethodSpec method in config.Methods)
            {
                if (vpnls.TryGetValue(method, out var batched))
                {
                    rows.AddRange(SweepRecord.Of(job, r, method, batched.Fits[r], null, config.ExtrapolateTo, batched.Seconds));
                    continue;
                }
                var clock = Stopwatch.StartNew();
                SurfaceFit? surface = method.Method == FitMethod.Approach3 ? Approach3.Fit(runs, method.Approach3) : null;
                Approach2Fit? a2 = method.Method == FitMethod.Approach2 ? Approach2.Fit(runs) : null;
                rows.AddRange(SweepRecord.Of(job, r, method, surface, a2, config.ExtrapolateTo, clock.Elapsed.TotalSeconds));
            }
            perReplicate[r] = rows;
        });
        return perReplicate.SelectMany(r => r).ToList();
    }

    // Checks the shard and the directory, writes the manifest; returns the stamp of every part.
    static ParquetStamp PrepareDirectory(SweepConfig config, string configPath, SweepRunOptions run, List<SweepJob> jobs, IComputeDevice device)
    {
        if (run.ShardCount < 1 || run.ShardIndex < 0 || run.ShardIndex >= run.ShardCount)
            throw new InputDataException($"--shard {run.ShardIndex}/{run.ShardCount}: need 0 ≤ I < N (e.g. --shard 0/4).");
        FitFiles.EnsureWritable(run.OutDirectory);
        var manifest = new Manifest("sweep", config.ToJson(), [configPath], device.Name, (long)config.Seed);
        string manifestPath = Path.Combine(run.OutDirectory, "manifest.json");
        if (File.Exists(manifestPath))
        {
            string? hash = JsonNode.Parse(File.ReadAllText(manifestPath))?["config_hash"]?.GetValue<string>();
            if (hash != manifest.ConfigHash)
                throw new InputDataException($"{run.OutDirectory} holds a sweep made by a different config (hash {hash?[..12]} ≠ {manifest.ConfigHash[..12]}); use a new --out or the original config.");
            if (!run.Resume && jobs.Any(j => config.Methods.Any(m => File.Exists(PartPath(run.OutDirectory, m, j)))))
                throw new InputDataException($"{run.OutDirectory} already holds results of this shard; add --resume to finish it, or choose another --out.");
        }
        int total = SweepPlan.Expand(config).Count;
        foreach (MethodSpec method in config.Methods)
            Directory.CreateDirectory(Path.Combine(run.OutDirectory, "records", $"method={method.Label}"));
        AtomicFile.WriteTextAsync(manifestPath, manifest.ToJson(new Dictionary<string, long>
        {
            ["jobs"] = total, ["replicates"] = config.Replicates, ["methods"] = config.Methods.Count,
            ["records"] = (long)total * config.Replicates * config.Methods.Count * config.ExtrapolateTo.Count,
        })).GetAwaiter().GetResult();
        return ParquetStamp.Of(manifest);
    }
}
