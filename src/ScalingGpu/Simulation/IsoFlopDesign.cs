using ScalingGpu.Data;
using ScalingGpu.Compute;
using ScalingGpu.Kernels;
using ScalingGpu.Models;

namespace ScalingGpu.Simulation;

/// <summary>
/// A synthetic IsoFLOP sampling design (DESIGN.md §1): per budget C, n model sizes log-spaced over
/// [centre/W, centre·W] with centre(C) = N*(C)/(offset·drift_to^t), t = (ln C − ln C_min)/(ln C_max − ln C_min),
/// and D = C/(6N).
/// </summary>
/// <param name="Budgets">Compute budgets, FLOPs (at least 2).</param>
/// <param name="PointsPerBudget">Model sizes per IsoFLOP curve (at least 3).</param>
/// <param name="Width">W: the curve spans N*/W … N*·W around its centre (XS 2, S 4, L 8, XL 16).</param>
/// <param name="Offset">Every centre sits at N*/offset.</param>
/// <param name="DriftTo">The centre drifts log-linearly from N* at the lowest budget to N*/drift_to at the highest.</param>
internal sealed record IsoFlopDesign(double[] Budgets, int PointsPerBudget, double Width, double Offset = 1, double DriftTo = 1)
{
    /// <summary>The design's runs on <paramref name="surface"/>: N, D and the budget label of every point.</summary>
    public (double[] Params, double[] Tokens, double[] Budget) Points(LossSurface surface)
    {
        double lnMin = Math.Log(Budgets.Min()), lnMax = Math.Log(Budgets.Max());
        var n = new List<double>(); var d = new List<double>(); var budget = new List<double>();
        foreach (double c in Budgets)
        {
            double t = lnMax > lnMin ? (Math.Log(c) - lnMin) / (lnMax - lnMin) : 0;
            double centre = surface.OptimalParams(c) / (Offset * Math.Pow(DriftTo, t));
            foreach (double size in GeomSpace(centre / Width, centre * Width, PointsPerBudget))
            {
                n.Add(size); d.Add(c / (ComputeModel.FlopsPerTokenParam * size)); budget.Add(c);
            }
        }
        return (n.ToArray(), d.ToArray(), budget.ToArray());
    }

    /// <summary>
    /// Simulated runs of <paramref name="replicates"/> replicates (keys firstKey, firstKey + 1, …): losses are the true
    /// surface plus Gaussian noise of standard deviation <paramref name="noise"/> from the counter-based generator keyed
    /// by (seed, replicate key, point), computed on <paramref name="device"/> (the same numbers on every device and shard).
    /// </summary>
    public RunTable[] Sample(LossSurface surface, double noise, ulong seed, long firstKey, int replicates, IComputeDevice device)
    {
        var (n, d, budget) = Points(surface);
        var shape = new SimulationShape(surface.E, surface.A, surface.B, surface.Alpha, surface.Beta, noise, seed, firstKey, n.Length, replicates);
        var losses = new double[replicates * n.Length];
        device.SimulateLosses(n, d, shape, losses);
        return Enumerable.Range(0, replicates)
            .Select(r => RunTable.FromArrays(n, d, losses.AsSpan(r * n.Length, n.Length).ToArray(), budget, "simulated")).ToArray();
    }

    /// <summary>One replicate (key <paramref name="replicate"/>) computed on the host.</summary>
    public RunTable Sample(LossSurface surface, double noise = 0, ulong seed = 0, long replicate = 0) =>
        Sample(surface, noise, seed, replicate, 1, new HostDevice())[0];

    /// <summary>K values log-spaced from lo to hi inclusive (numpy.geomspace).</summary>
    public static double[] GeomSpace(double lo, double hi, int count)
    {
        if (count == 1) return [lo];
        double step = (Math.Log(hi) - Math.Log(lo)) / (count - 1);
        return Enumerable.Range(0, count).Select(k => Math.Exp(Math.Log(lo) + k * step)).ToArray();
    }
}
