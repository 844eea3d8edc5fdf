using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Kernels;

namespace ScalingGpu.Bootstrap;

/// <summary>
/// A resampling rule as flat arrays the kernel reads: strata of units, units of points (see <see cref="ResampleKernels"/>).
/// Also the jackknife's delete-one units.
/// </summary>
internal sealed class ResamplePlan
{
    /// <summary>[strata × 2] first unit and unit count.</summary>
    public required int[] Strata { get; init; }
    /// <summary>[units × 2] first member and member count.</summary>
    public required int[] Units { get; init; }
    /// <summary>Point indices of unit members, unit by unit.</summary>
    public required int[] Members { get; init; }
    /// <summary>Points in the table.</summary>
    public required int PointCount { get; init; }
    /// <summary>The rule.</summary>
    public required ResampleUnit Unit { get; init; }

    /// <summary>Number of resampling units (points, or budgets for <see cref="ResampleUnit.Budgets"/>).</summary>
    public int UnitCount => Units.Length / 2;

    /// <summary>The plan for <paramref name="unit"/> on <paramref name="runs"/>.</summary>
    /// <exception cref="InputDataException"><see cref="ResampleUnit.Budgets"/> with fewer than 2 budgets.</exception>
    public static ResamplePlan For(RunTable runs, ResampleUnit unit)
    {
        int n = runs.Count;
        var budgets = Enumerable.Range(0, n).GroupBy(i => runs.Budget[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        switch (unit)
        {
            case ResampleUnit.Points:
                return SinglePoints(n, [Enumerable.Range(0, n).ToArray()], unit);
            case ResampleUnit.WithinBudget:
                // Without IsoFLOP curves most strata hold one run, and resampling inside them changes nothing.
                if (!runs.HasIsoFlopBudgets)
                    throw new InputDataException($"--resample within-budget needs IsoFLOP curves, but {runs.Source} has none ({budgets.Length} distinct values of C rounded to 3 digits, not each shared by 3+ runs); use --resample points or name a budget column with --budget.");
                return SinglePoints(n, budgets, unit);
            default:
                if (!runs.HasIsoFlopBudgets)
                    throw new InputDataException($"--resample budgets needs IsoFLOP curves, but {runs.Source} has none ({budgets.Length} distinct values of C rounded to 3 digits, not each shared by 3+ runs); use --resample points or name a budget column with --budget.");
                var units = new List<int>();
                int first = 0;
                foreach (int[] members in budgets) { units.Add(first); units.Add(members.Length); first += members.Length; }
                return new ResamplePlan { Strata = [0, budgets.Length], Units = units.ToArray(), Members = budgets.SelectMany(b => b).ToArray(), PointCount = n, Unit = unit };
        }
    }

    // Every unit is one point; each group of points is a stratum.
    static ResamplePlan SinglePoints(int n, int[][] strataPoints, ResampleUnit unit)
    {
        var strata = new List<int>();
        var members = strataPoints.SelectMany(s => s).ToArray();
        int start = 0;
        foreach (int[] s in strataPoints) { strata.Add(start); strata.Add(s.Length); start += s.Length; }
        var units = new int[2 * n];
        for (int u = 0; u < n; u++) { units[2 * u] = u; units[2 * u + 1] = 1; }
        return new ResamplePlan { Strata = strata.ToArray(), Units = units, Members = members, PointCount = n, Unit = unit };
    }

    /// <summary>The plan as the plain arrays a device reads.</summary>
    public ResampleArrays Arrays => new(Strata, Units, Members, PointCount);

    /// <summary>Host multiplicities of resamples [first, first + count) (see <see cref="ResampleArrays.HostMultiplicities"/>).</summary>
    public void HostMultiplicities(ulong seed, long first, int count, double[] weights) => Arrays.HostMultiplicities(seed, first, count, weights);

    /// <summary>Jackknife weight rows: row u is all ones with unit u's points set to 0.</summary>
    public double[] JackknifeWeights()
    {
        int n = PointCount, units = UnitCount;
        var weights = new double[units * n];
        Array.Fill(weights, 1.0);
        for (int u = 0; u < units; u++)
            for (int m = 0; m < Units[2 * u + 1]; m++) weights[u * n + Members[Units[2 * u] + m]] = 0;
        return weights;
    }
}
