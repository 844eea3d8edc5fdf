using ScalingGpu.Data;
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
public sealed record IsoFlopDesign(double[] Budgets, int PointsPerBudget, double Width, double Offset = 1, double DriftTo = 1)
{
    /// <summary>RNG stream of simulation noise (resampling uses another, so the two never share numbers).</summary>
    public const uint NoiseStream = 2;

    /// <summary>
    /// Runs on <paramref name="surface"/> with budget labels exact, plus Gaussian noise of standard deviation
    /// <paramref name="noise"/> on the loss from the counter-based generator keyed by (seed, replicate, point).
    /// </summary>
    public RunTable Sample(LossSurface surface, double noise = 0, ulong seed = 0, long replicate = 0)
    {
        double lnMin = Math.Log(Budgets.Min()), lnMax = Math.Log(Budgets.Max());
        var n = new List<double>(); var d = new List<double>(); var loss = new List<double>(); var budget = new List<double>();
        foreach (double c in Budgets)
        {
            double t = lnMax > lnMin ? (Math.Log(c) - lnMin) / (lnMax - lnMin) : 0;
            double centre = surface.OptimalParams(c) / (Offset * Math.Pow(DriftTo, t));
            foreach (double size in GeomSpace(centre / Width, centre * Width, PointsPerBudget))
            {
                double tokens = c / (ComputeModel.FlopsPerTokenParam * size);
                double epsilon = noise > 0 ? noise * Philox.Normal(seed, replicate, n.Count, NoiseStream) : 0;
                n.Add(size); d.Add(tokens); loss.Add(surface.Loss(size, tokens) + epsilon); budget.Add(c);
            }
        }
        return RunTable.FromArrays(n.ToArray(), d.ToArray(), loss.ToArray(), budget.ToArray(), "simulated");
    }

    /// <summary>K values log-spaced from lo to hi inclusive (numpy.geomspace).</summary>
    public static double[] GeomSpace(double lo, double hi, int count)
    {
        if (count == 1) return [lo];
        double step = (Math.Log(hi) - Math.Log(lo)) / (count - 1);
        return Enumerable.Range(0, count).Select(k => Math.Exp(Math.Log(lo) + k * step)).ToArray();
    }
}
