using System.Runtime.Intrinsics;

namespace ScalingGpu.Fitting;

/// <summary>
/// Screening the start grid. The LSE of (a − α ln N, b − β ln D, e) equals ln(e^e + e^a·N^−α + e^b·D^−β), and the start
/// grid has few distinct α and β, so N^−α and D^−β come from small tables and each point costs one logarithm instead of
/// three exponentials and a logarithm (the start grid's magnitudes, e^25·N^0 to e^0·N^−2, stay far inside double range).
/// Equal to <see cref="Evaluate"/> to rounding.
/// </summary>
internal sealed partial class Approach3Objective
{
    readonly double weightSum = weights.Sum();

    /// <summary>The objective at every start of a grid (non-finite where the LSE overflows), for ranking.</summary>
    public double[] EvaluateStarts(double[][] starts)
    {
        Approach3StartPlan plan = Approach3StartPlan.Of(starts);
        double[][] x1 = Approach3StartPlan.Powers(plan.Alphas, logParams), x2 = Approach3StartPlan.Powers(plan.Betas, logTokens);
        var values = new double[starts.Length];
        Parallel.For(0, starts.Length, s => values[s] = StartObjective(plan, s, x1, x2));
        return values;
    }

    /// <summary>
    /// <see cref="EvaluateStarts"/> four points per Vector256, with Vector256.Log: within <see cref="ScreeningError"/> of it.
    /// With <paramref name="keep"/> &lt; the start count, a start whose partial sum already shows it cannot be among the
    /// <paramref name="keep"/> best (see <see cref="BestStarts"/>) stops early and gets +∞.
    /// </summary>
    public double[] EvaluateStartsVector(double[][] starts, int keep = int.MaxValue)
    {
        Approach3StartPlan plan = Approach3StartPlan.Of(starts);
        double[][] x1 = Approach3StartPlan.Powers(plan.Alphas, packed.LogParams), x2 = Approach3StartPlan.Powers(plan.Betas, packed.LogTokens);
        var values = new double[starts.Length];
        const int chunks = 4;   // a few per core: one start is ~100 ns, too short to schedule alone
        Parallel.For(0, chunks, c =>
        {
            // Max-heap of the chunk's `keep` smallest values so far: its root bounds what a start must beat.
            var kept = new PriorityQueue<double, double>(Comparer<double>.Create((x, y) => y.CompareTo(x)));
            for (int s = starts.Length * c / chunks; s < starts.Length * (c + 1) / chunks; s++)
            {
                double ceiling = kept.Count >= keep && kept.TryPeek(out double cut, out _) ? cut + ScreeningError(cut) : double.PositiveInfinity;
                double value = values[s] = StartObjectiveVector(plan, s, x1[plan.AlphaIndex[s]], x2[plan.BetaIndex[s]], ceiling);
                if (keep < starts.Length && double.IsFinite(value) && value <= ceiling)
                {
                    kept.Enqueue(value, value);
                    if (kept.Count > keep) kept.Dequeue();
                }
            }
        });
        return values;
    }

    /// <summary>
    /// The <paramref name="count"/> starts of smallest objective, best first (ties: grid order), skipping non-finite ones:
    /// exactly the first <paramref name="count"/> of <see cref="EvaluateStarts"/> ranked by (value, index). Every start is
    /// screened by <see cref="EvaluateStartsVector"/>; only those whose value could still rank given its error bound are
    /// summed exactly and ranked. If count starts screen at ≤ cut, their exact values are ≤ cut + error(cut); a start
    /// screened at v has an exact value ≥ v − error(v), which grows with v, so once that exceeds cut + error(cut) (also for a
    /// partial sum: terms are ≥ 0, and rounding never lowers a sum of non-negative terms) it cannot rank.
    /// </summary>
    public int[] BestStarts(double[][] starts, int count)
    {
        IEnumerable<int> candidates = Enumerable.Range(0, starts.Length);
        if (count < starts.Length && Vector256.IsHardwareAccelerated)
        {
            double[] screened = EvaluateStartsVector(starts, count);
            double[] finite = screened.Where(double.IsFinite).Order().ToArray();
            if (finite.Length > count)
            {
                double ceiling = finite[count - 1] + ScreeningError(finite[count - 1]);
                candidates = candidates.Where(s => double.IsNaN(screened[s]) || screened[s] - ScreeningError(screened[s]) <= ceiling);
            }
        }
        Approach3StartPlan plan = Approach3StartPlan.Of(starts);
        double[][] x1 = Approach3StartPlan.Powers(plan.Alphas, logParams), x2 = Approach3StartPlan.Powers(plan.Betas, logTokens);
        return candidates.Select(s => (Value: StartObjective(plan, s, x1, x2), Index: s)).Where(v => double.IsFinite(v.Value))
                         .OrderBy(v => v.Value).ThenBy(v => v.Index).Take(count).Select(v => v.Index).ToArray();
    }

    /// <summary>
    /// Bound on |EvaluateStartsVector − EvaluateStarts| at a screened value v. The power tables and sums inside the log are
    /// the same arithmetic; Vector256.Log and Math.Log differ by a few ulps of |ln s| (≤ 27 on the start grid, one ulp
    /// ≤ 4e-15), so r moves by ≤ 1e-13 absolute. A Huber term moves by ≤ δ·1e-13 (slope ≤ δ); a squared term by
    /// ≤ 2|r|·1e-13, which is ≤ 1e-9 of r² where |r| ≥ 2e-4 and ≤ 1e-16 below; lane order changes the sum by ≤ n ulps of
    /// it. Hence 1e-9·v plus 1e-13·Σw·max(δ, 1e-3). (Measured on exp7 data: the largest difference is ~2e-6 of this.)
    /// </summary>
    public double ScreeningError(double v) => 1e-9 * v + 1e-13 * weightSum * (huber ? Math.Max(delta, 1e-3) : 1e-3);

    // Σ w·loss over the points at one start (the scalar definition the vector screening is checked against).
    double StartObjective(Approach3StartPlan plan, int s, double[][] x1Tables, double[][] x2Tables)
    {
        double[] x1 = x1Tables[plan.AlphaIndex[s]], x2 = x2Tables[plan.BetaIndex[s]];
        double a = plan.ExpA[s], b = plan.ExpB[s], e = plan.ExpE[s], total = 0;
        for (int i = 0; i < logLoss.Length; i++)
        {
            if (weights[i] == 0) continue;
            double r = Math.Log(e + a * x1[i] + b * x2[i]) - logLoss[i];
            total += weights[i] * Kernels.Residuals.Loss(r, huber, delta);
        }
        return total;
    }

    // StartObjective four points per Vector256 over the packed points; stops with +∞ once the partial sum, less its error
    // bound, exceeds ceiling.
    double StartObjectiveVector(Approach3StartPlan plan, int s, double[] x1, double[] x2, double ceiling)
    {
        Vector256<double> a = Vector256.Create(plan.ExpA[s]), b = Vector256.Create(plan.ExpB[s]), e = Vector256.Create(plan.ExpE[s]);
        Vector256<double> d = Vector256.Create(delta), total = default;
        for (int i = 0; i < packed.Weights.Length; i += Vector256<double>.Count)
        {
            Vector256<double> r = Vector256.Log(e + a * Vector256.Create(x1.AsSpan(i)) + b * Vector256.Create(x2.AsSpan(i))) - Vector256.Create(packed.LogLoss.AsSpan(i));
            total += Vector256.Create(packed.Weights.AsSpan(i)) * Loss(r, d, out _);
            if (ceiling < double.PositiveInfinity)
            {
                double partial = Vector256.Sum(total);
                if (partial - ScreeningError(partial) > ceiling) return double.PositiveInfinity;
            }
        }
        return Vector256.Sum(total);
    }
}
