using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Bootstrap;

/// <summary>One replicate's bootstrap fits by one method: the resamples in order, and the jackknife rows when BCa needs them.</summary>
internal sealed record ReplicateFits(MethodFits Resamples, MethodFits? Jackknife);

/// <summary>
/// Bootstraps a group of simulated replicates of one design (same N and D) with one method's full fit, exactly as
/// <c>fit --bootstrap</c> does per data set: the multiplicities of every resample of every replicate come from one device
/// launch, and VPNLS fits every row of the group in as few grid launches as memory allows.
/// </summary>
internal static class ReplicateBootstrap
{
    /// <summary>
    /// The resampling weights of replicates with generator keys firstKey … firstKey + count − 1: replicate key k,
    /// resample r draws with counter k·resamples + r, so a replicate's resamples depend only on (seed, key, r) and never
    /// on how replicates are grouped, sharded or ordered. Returns [count × resamples × points].
    /// </summary>
    public static double[] Weights(ResamplePlan plan, ulong seed, long firstKey, int count, int resamples, IComputeDevice device)
    {
        var weights = new double[(long)count * resamples * plan.PointCount];
        device.Multiplicities(plan.Arrays, seed, firstKey * resamples, count * resamples, weights);
        return weights;
    }

    /// <summary>Fits every resample (and jackknife row) of every replicate in <paramref name="replicates"/> with <paramref name="method"/>.</summary>
    /// <param name="weights">From <see cref="Weights"/> for these replicates.</param>
    /// <param name="full">The full-data fits of the replicates (Approach 3 adds each as a start, as <c>fit</c> does).</param>
    /// <param name="approach3Starts">Approach 3 L-BFGS starts per resample besides the full-data optimum.</param>
    public static ReplicateFits[] Fit(FitMethod method, FitOptions options, IReadOnlyList<RunTable> replicates, MethodFits full, ResamplePlan plan,
                                      double[] weights, int resamples, bool jackknife, int approach3Starts, IComputeDevice device)
    {
        int n = plan.PointCount, count = replicates.Count, jackRows = jackknife ? plan.UnitCount : 0, rows = resamples + jackRows;
        double[] jack = jackknife ? plan.JackknifeWeights() : [];
        if (method == FitMethod.Vpnls)
        {
            // One batch: per replicate its resample rows, then its jackknife rows.
            var all = new double[(long)count * rows * n];
            var dataOfRow = new int[count * rows];
            for (int k = 0; k < count; k++)
            {
                weights.AsSpan(k * resamples * n, resamples * n).CopyTo(all.AsSpan(k * rows * n));
                jack.CopyTo(all.AsSpan((k * rows + resamples) * n));
                dataOfRow.AsSpan(k * rows, rows).Fill(k);
            }
            SurfaceFit[] fits = VarPro.FitRowsOf(replicates, dataOfRow, all, options.VarPro, device);
            return Enumerable.Range(0, count).Select(k => new ReplicateFits(
                new MethodFits { Method = method, Surfaces = fits[(k * rows)..(k * rows + resamples)] },
                jackknife ? new MethodFits { Method = method, Surfaces = fits[(k * rows + resamples)..((k + 1) * rows)] } : null)).ToArray();
        }
        var result = new ReplicateFits[count];
        for (int k = 0; k < count; k++)
        {
            SurfaceFit? seed = full.Surfaces?[k];
            double[] own = weights.AsSpan(k * resamples * n, resamples * n).ToArray();
            result[k] = new ReplicateFits(MethodFits.Fit(method, replicates[k], own, resamples, options, approach3Starts, seed, plan.Unit == ResampleUnit.Budgets, device),
                jackknife ? MethodFits.Fit(method, replicates[k], jack, jackRows, options, approach3Starts, seed, plan.Unit == ResampleUnit.Budgets, device) : null);
        }
        return result;
    }
}
