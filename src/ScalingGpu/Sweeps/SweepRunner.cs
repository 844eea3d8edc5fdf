using System.Diagnostics;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;

namespace ScalingGpu.Sweeps;

/// <summary>Where and how a sweep runs.</summary>
/// <param name="ShardIndex">I of --shard I/N.</param>
/// <param name="ShardCount">N of --shard I/N.</param>
/// <param name="Resume">Skip jobs whose parts are complete; redo the rest.</param>
internal sealed record SweepRunOptions(string OutDirectory, int ShardIndex = 0, int ShardCount = 1, bool Resume = false);

/// <summary>What a run did.</summary>
/// <param name="Intervals">Bootstrap intervals of the jobs run (empty without a bootstrap block).</param>
internal sealed record SweepOutcome(int JobsRun, int JobsSkipped, IReadOnlyList<SweepRecord> Records, IReadOnlyList<IntervalRecord> Intervals, double Seconds);

/// <summary>
/// Runs a sweep: jobs of this shard in plan order, each simulated per replicate and fitted by every method, written as
/// one Parquet part per (job, method) under OUT/records/method=LABEL/ (atomically), with OUT/manifest.json first; with a
/// bootstrap block also one part per (job, method) under OUT/intervals/method=LABEL/.
/// </summary>
internal static class SweepRunner
{
    /// <param name="progress">Fraction of all fits (full-data, resample and jackknife) of this shard done.</param>
    /// <param name="config">From <see cref="SweepConfigReader"/>, which checked every value: nothing below checks it again.</param>
    /// <param name="run">The shard, 0 ≤ I &lt; N (the CLI's --shard parser checks it).</param>
    /// <exception cref="InputDataException">OUT holds another config's sweep, or this shard's results without --resume.</exception>
    public static SweepOutcome Run(SweepConfig config, string configPath, SweepRunOptions run, IComputeDevice device, IProgress<double>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var jobs = SweepPlan.Shard(SweepPlan.Expand(config), run.ShardIndex, run.ShardCount).ToList();
        ParquetStamp stamp = PrepareDirectory(config, configPath, run, jobs, device);
        var records = new List<SweepRecord>();
        var intervals = new List<IntervalRecord>();
        double total = Math.Max(1, jobs.Sum(j => FitsOf(config, j))), done = 0;
        void Done(long fits) => progress?.Report((done += fits) / total);
        int skipped = 0;
        foreach (SweepJob job in jobs)
        {
            if (run.Resume && PartPaths(run.OutDirectory, config, job).All(File.Exists)) { skipped++; Done(FitsOf(config, job)); continue; }
            if (run.Resume) DeleteStaleTemporaries(run.OutDirectory, config, job);
            var (jobRecords, simulated, full) = RunJob(config, job, device);
            Done((long)config.Replicates * config.Methods.Count);
            if (config.Bootstrap is not null)
            {
                List<IntervalRecord> jobIntervals = JobIntervals.Run(config, job, simulated, full, device, fitsDone: Done);
                foreach (MethodSpec method in config.Methods)
                    SweepTables.Intervals(jobIntervals.Where(r => r.Method == method.Label).ToList())
                        .WriteAsync(PartPath(run.OutDirectory, "intervals", method, job), stamp).GetAwaiter().GetResult();
                intervals.AddRange(jobIntervals);
            }
            // Records last: a job whose records and intervals parts all exist is complete.
            foreach (MethodSpec method in config.Methods)
                SweepTables.Records(jobRecords.Where(r => r.Method == method.Label).ToList())
                    .WriteAsync(PartPath(run.OutDirectory, method, job), stamp).GetAwaiter().GetResult();
            records.AddRange(jobRecords);
        }
        return new SweepOutcome(jobs.Count - skipped, skipped, records, intervals, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Fits of one job: the full-data fits plus, with a bootstrap block, every resample and jackknife fit.</summary>
    public static long FitsOf(SweepConfig config, SweepJob job) =>
        (long)config.Replicates * config.Methods.Count * (1 + (config.Bootstrap is null ? 0 : JobIntervals.FitsPerReplicate(config.Bootstrap, job)));

    /// <summary>OUT/records/method=LABEL/part-JOB.parquet.</summary>
    public static string PartPath(string outDirectory, MethodSpec method, SweepJob job) => PartPath(outDirectory, "records", method, job);

    /// <summary>OUT/TABLE/method=LABEL/part-JOB.parquet (TABLE is records or intervals).</summary>
    public static string PartPath(string outDirectory, string table, MethodSpec method, SweepJob job) =>
        Path.Combine(outDirectory, table, $"method={method.Label}", $"part-{job.Index:D6}.parquet");

    // Every part a finished job leaves.
    static IEnumerable<string> PartPaths(string outDirectory, SweepConfig config, SweepJob job) =>
        Tables(config).SelectMany(t => config.Methods.Select(m => PartPath(outDirectory, t, m, job)));

    // A process killed while writing a part leaves its temporary file (.part-JOB.parquet.GUID.tmp, see AtomicFile); the
    // resumed run removes those of the jobs it redoes. Only this job's: another shard may be writing its own right now.
    static void DeleteStaleTemporaries(string outDirectory, SweepConfig config, SweepJob job)
    {
        foreach (string part in PartPaths(outDirectory, config, job))
        {
            string directory = Path.GetDirectoryName(part)!;
            if (!Directory.Exists(directory)) continue;
            foreach (string stale in Directory.GetFiles(directory, $".{Path.GetFileName(part)}.*.tmp")) File.Delete(stale);
        }
    }

    static string[] Tables(SweepConfig config) => config.Bootstrap is null ? ["records"] : ["records", "intervals"];

    // All replicates of one job: simulated in one device launch, then fitted in parallel; every method sees the same runs.
    // Returns the records, the simulated data and each method's full-data fits (the bootstrap's point estimates).
    static (List<SweepRecord>, RunTable[], Dictionary<MethodSpec, MethodFits>) RunJob(SweepConfig config, SweepJob job, IComputeDevice device)
    {
        var perReplicate = new List<SweepRecord>[config.Replicates];
        RunTable[] simulated = job.Design.Sample(job.Surface.Surface, job.Noise, config.Seed, SweepPlan.ReplicateKey(job, 0, config.Replicates),
                                                 config.Replicates, device);
        var full = config.Methods.ToDictionary(m => m, m => new MethodFits
        {
            Method = m.Method,
            Surfaces = m.Method == FitMethod.Approach2 ? null : new SurfaceFit[config.Replicates],
            Approach2 = m.Method == FitMethod.Approach2 ? new Approach2Fit[config.Replicates] : null,
        });
        // VPNLS: all replicates of the job in batched grid launches (seconds per fit = batch time / replicates).
        var vpnlsSeconds = new Dictionary<MethodSpec, double>();
        foreach (MethodSpec method in config.Methods.Where(m => m.Method == FitMethod.Vpnls))
        {
            var batch = Stopwatch.StartNew();
            VarPro.FitReplicates(simulated, method.VarPro, device).CopyTo(full[method].Surfaces!, 0);
            vpnlsSeconds[method] = batch.Elapsed.TotalSeconds / config.Replicates;
        }
        Parallel.For(0, config.Replicates, r =>
        {
            RunTable runs = simulated[r];
            var rows = new List<SweepRecord>();
            foreach (MethodSpec method in config.Methods)
            {
                MethodFits fits = full[method];
                double seconds = vpnlsSeconds.GetValueOrDefault(method);
                if (method.Method != FitMethod.Vpnls)
                {
                    var clock = Stopwatch.StartNew();
                    if (method.Method == FitMethod.Approach3) fits.Surfaces![r] = Approach3.Fit(runs, method.Approach3);
                    else fits.Approach2![r] = Approach2.Fit(runs);
                    seconds = clock.Elapsed.TotalSeconds;
                }
                rows.AddRange(SweepRecord.Of(job, r, method, fits.Surfaces?[r], fits.Approach2?[r], config.ExtrapolateTo, seconds));
            }
            perReplicate[r] = rows;
        });
        return (perReplicate.SelectMany(r => r).ToList(), simulated, full);
    }

    // Checks the directory, writes the manifest; returns the stamp of every part.
    static ParquetStamp PrepareDirectory(SweepConfig config, string configPath, SweepRunOptions run, List<SweepJob> jobs, IComputeDevice device)
    {
        Debug.Assert(run.ShardIndex >= 0 && run.ShardIndex < run.ShardCount, "The shard was checked when --shard was parsed.");
        OutputFolder.EnsureWritable(run.OutDirectory);
        var manifest = new Manifest("sweep", config.ToJson(), [configPath], device.Name, config.Seed);
        string manifestPath = Path.Combine(run.OutDirectory, "manifest.json");
        if (File.Exists(manifestPath))
        {
            if (Manifest.TryRead(manifestPath) is not { ConfigHash: { Length: > 0 } hash } earlier)
                throw new InputDataException($"{manifestPath} is not a manifest.json written by scalinggpu (unreadable, or without command and config_hash); choose another --out, or delete that folder if it holds nothing you need.");
            if (earlier.Command != "sweep")
                throw new InputDataException($"{run.OutDirectory} holds the output of `{earlier.Command}`, not of a sweep; choose another --out.");
            if (earlier.OutputSchema != Manifest.OutputSchema)
                throw new InputDataException($"{run.OutDirectory} holds a sweep written by another scalinggpu version (output schema {earlier.OutputSchema}; this one writes {Manifest.OutputSchema}, whose columns differ), so new parts would not join its table; finish it with that version, or use a new --out.");
            if (hash != manifest.ConfigHash)
                throw new InputDataException($"{run.OutDirectory} holds a sweep made by a different config (hash {hash[..Math.Min(12, hash.Length)]} ≠ {manifest.ConfigHash[..12]}); use a new --out or the original config.");
            if (!run.Resume && jobs.Any(j => PartPaths(run.OutDirectory, config, j).Any(File.Exists)))
                throw new InputDataException($"{run.OutDirectory} already holds results of this shard; add --resume to finish it, or choose another --out.");
        }
        int total = SweepPlan.Expand(config).Count;
        foreach (string table in Tables(config))
            foreach (MethodSpec method in config.Methods)
                Directory.CreateDirectory(Path.Combine(run.OutDirectory, table, $"method={method.Label}"));
        AtomicFile.WriteTextAsync(manifestPath, manifest.ToJson(new Dictionary<string, long>
        {
            ["jobs"] = total, ["replicates"] = config.Replicates, ["methods"] = config.Methods.Count,
            ["records"] = (long)total * config.Replicates * config.Methods.Count * config.ExtrapolateTo.Count,
            ["intervals"] = IntervalRows(config),
        })).GetAwaiter().GetResult();
        return ParquetStamp.Of(manifest);
    }

    // Interval rows of the whole sweep: replicates × (per method, its quantities) × kinds × levels per job.
    static long IntervalRows(SweepConfig config) => config.Bootstrap is not { } b ? 0
        : (long)SweepPlan.Expand(config).Count * config.Replicates * b.Kinds.Count * b.Levels.Count
          * config.Methods.Sum(m => Quantity.ForSweep(m.Method, config.ExtrapolateTo).Count);
}
