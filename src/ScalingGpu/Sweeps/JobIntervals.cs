using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Sweeps;

/// <summary>
/// The intervals of one job: every replicate bootstrapped by every method (<see cref="ReplicateBootstrap"/>), in groups
/// of replicates sized so one group is one grid launch, then an interval per quantity, kind and level.
/// </summary>
internal static class JobIntervals
{
    /// <summary>Fits one replicate needs per method: its resamples, plus the jackknife rows BCa needs.</summary>
    public static int FitsPerReplicate(SweepBootstrap b, SweepJob job) =>
        b.Resamples + (b.NeedsJackknife ? JackknifeRows(b, job) : 0);

    /// <summary>Delete-one units of a design: a point each for points/within-budget, a budget each for budgets.</summary>
    public static int JackknifeRows(SweepBootstrap b, SweepJob job) => b.EffectiveUnit == ResampleUnit.Budgets
        ? job.Design.Budgets.Length : job.Design.Budgets.Length * job.Design.PointsPerBudget;

    /// <param name="simulated">The job's replicates in order (keys from <see cref="SweepPlan.ReplicateKey"/>).</param>
    /// <param name="full">Per method, the full-data fit of every replicate (the point estimates).</param>
    /// <param name="groupSize">Replicates per batch; null sizes batches by the device's memory (never changes results).</param>
    /// <param name="fitsDone">Receives the number of bootstrap fits finished after each batch and method.</param>
    public static List<IntervalRecord> Run(SweepConfig config, SweepJob job, RunTable[] simulated, IReadOnlyDictionary<MethodSpec, MethodFits> full,
                                           IComputeDevice device, int? groupSize = null, Action<long>? fitsDone = null)
    {
        SweepBootstrap b = config.Bootstrap ?? throw new InvalidOperationException("The sweep has no bootstrap block.");
        ResamplePlan plan = ResamplePlan.For(simulated[0], b.EffectiveUnit);
        int perReplicate = FitsPerReplicate(b, job);
        int group = groupSize ?? GroupSize(config, perReplicate, device);
        var rows = new List<IntervalRecord>();
        for (int first = 0; first < simulated.Length; first += group)
        {
            int count = Math.Min(group, simulated.Length - first);
            RunTable[] replicates = simulated[first..(first + count)];
            double[] weights = ReplicateBootstrap.Weights(plan, config.Seed, SweepPlan.ReplicateKey(job, first, config.Replicates), count, b.Resamples, device);
            foreach (MethodSpec method in config.Methods)
            {
                MethodFits fullGroup = Slice(full[method], first, count);
                var options = new FitOptions { Methods = [method.Method], VarPro = method.VarPro, Approach3 = method.Approach3, TargetCompute = config.ExtrapolateTo };
                ReplicateFits[] fits = ReplicateBootstrap.Fit(method.Method, options, replicates, fullGroup, plan, weights, b.Resamples,
                                                              b.NeedsJackknife, method.Approach3.Starts ?? 16, device);
                for (int k = 0; k < count; k++)
                    rows.AddRange(Intervals(job, first + k, method, fits[k], fullGroup, k, config));
                fitsDone?.Invoke((long)count * perReplicate);
            }
        }
        return rows;
    }

    // Rows per batch: as many replicates as one grid launch holds (at least one; 64 when no VPNLS method sets a grid).
    static int GroupSize(SweepConfig config, int perReplicate, IComputeDevice device)
    {
        long cells = config.Methods.Where(m => m.Method == FitMethod.Vpnls)
            .Select(m => (long)m.VarPro.AlphaAxis.Values().Length * m.VarPro.BetaAxis.Values().Length).DefaultIfEmpty(0).Max();
        long rows = cells == 0 ? 64L * perReplicate : device.MemoryBudgetBytes / (cells * sizeof(double));
        return (int)Math.Clamp(rows / perReplicate, 1, config.Replicates);
    }

    static IEnumerable<IntervalRecord> Intervals(SweepJob job, int replicate, MethodSpec method, ReplicateFits fits, MethodFits full, int k, SweepConfig config)
    {
        SweepBootstrap b = config.Bootstrap!;
        foreach (Quantity q in Quantity.ForSweep(method.Method, config.ExtrapolateTo))
        {
            double[] values = Values(fits.Resamples, q);
            double[]? jack = fits.Jackknife is null ? null : Values(fits.Jackknife, q);
            int used = values.Count(double.IsFinite);
            double estimate = full.Value(q, k), truth = q.Of(job.Surface.Surface);
            foreach (IntervalKind kind in b.Kinds)
                foreach (double level in b.Levels)
                {
                    IntervalBounds bounds = IntervalEstimator.Estimate(values, estimate, jack, level, kind);
                    yield return new IntervalRecord(job, replicate, method.Label, q.Kind, q.Compute ?? double.NaN, kind, level, truth, estimate,
                                                    bounds.Lo, bounds.Hi, bounds.Se, used, values.Length - used);
                }
        }
    }

    static double[] Values(MethodFits fits, Quantity q)
    {
        var values = new double[fits.Count];
        for (int i = 0; i < values.Length; i++) values[i] = fits.Value(q, i);
        return values;
    }

    static MethodFits Slice(MethodFits fits, int first, int count) => new()
    {
        Method = fits.Method,
        Surfaces = fits.Surfaces?[first..(first + count)],
        Approach2 = fits.Approach2?[first..(first + count)],
    };
}
