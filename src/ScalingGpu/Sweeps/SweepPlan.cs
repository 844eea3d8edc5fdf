using ScalingGpu.Simulation;

namespace ScalingGpu.Sweeps;

/// <summary>One point of the design product: a surface sampled with one design and noise level.</summary>
/// <param name="Index">Position in plan order; job j belongs to shard j mod N.</param>
internal sealed record SweepJob(int Index, SurfaceSpec Surface, IsoFlopDesign Design, double Noise);

/// <summary>Expands a configuration into jobs (the Cartesian product of every list, in a fixed order).</summary>
internal static class SweepPlan
{
    /// <summary>Jobs in plan order: surfaces, budget sets, points, widths, offsets, drifts, noise (innermost).</summary>
    public static IReadOnlyList<SweepJob> Expand(SweepConfig c)
    {
        var jobs = new List<SweepJob>();
        foreach (SurfaceSpec surface in c.Surfaces)
            foreach (double[] budgets in c.BudgetSets)
                foreach (int points in c.PointsPerBudget)
                    foreach (double width in c.Widths)
                        foreach (double offset in c.Offsets)
                            foreach (double drift in c.DriftTos)
                                foreach (double noise in c.Noises)
                                    jobs.Add(new SweepJob(jobs.Count, surface, new IsoFlopDesign(budgets, points, width, offset, drift), noise));
        return jobs;
    }

    /// <summary>The jobs of shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static IEnumerable<SweepJob> Shard(IReadOnlyList<SweepJob> jobs, int index, int count) => jobs.Where(j => j.Index % count == index);

    /// <summary>The replicate's key for the noise generator: unique per (job, replicate), the same on every shard.</summary>
    public static long ReplicateKey(SweepJob job, int replicate, int replicates) => (long)job.Index * replicates + replicate;
}
