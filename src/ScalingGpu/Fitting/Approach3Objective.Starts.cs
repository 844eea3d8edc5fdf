namespace ScalingGpu.Fitting;

/// <summary>
/// Screening the start grid. The LSE of (a − α ln N, b − β ln D, e) equals ln(e^e + e^a·N^−α + e^b·D^−β), and the start
/// grid has few distinct α and β, so N^−α and D^−β come from small tables and each point costs one logarithm instead of
/// three exponentials and a logarithm (the start grid's magnitudes, e^25·N^0 to e^0·N^−2, stay far inside double range).
/// Equal to <see cref="Evaluate"/> to rounding.
/// </summary>
internal sealed partial class Approach3Objective
{
    /// <summary>The objective at every start of a grid (non-finite where the LSE overflows), for ranking.</summary>
    public double[] EvaluateStarts(double[][] starts)
    {
        var tables = new PowerTables(logParams, logTokens, starts);
        var values = new double[starts.Length];
        Parallel.For(0, starts.Length, s => values[s] = StartObjective(starts[s], tables, double.PositiveInfinity));
        return values;
    }

    /// <summary>
    /// The <paramref name="count"/> starts of smallest objective, best first (ties: grid order), skipping non-finite ones:
    /// exactly the first <paramref name="count"/> of <see cref="EvaluateStarts"/> ranked by (value, index). A start stops
    /// being summed once its partial sum exceeds the count-th best value seen so far in its chunk: every term is ≥ 0 and
    /// adding a non-negative double never lowers a sum, so its total could not rank. Most starts stop after a few points.
    /// </summary>
    public int[] BestStarts(double[][] starts, int count)
    {
        var tables = new PowerTables(logParams, logTokens, starts);
        const int chunks = 5;   // each chunk keeps its own best-count; the union holds the global best-count
        var survivors = new List<(double Value, int Index)>[chunks];
        Parallel.For(0, chunks, c =>
        {
            // Max-heap on (value, index): its root is the worst kept start, the threshold to beat.
            var kept = new PriorityQueue<int, (double Value, int Index)>(count + 1, WorstFirst.Instance);
            int from = (int)((long)starts.Length * c / chunks), to = (int)((long)starts.Length * (c + 1) / chunks);
            for (int s = from; s < to; s++)
            {
                double threshold = kept.Count == count && kept.TryPeek(out _, out var worst) ? worst.Value : double.PositiveInfinity;
                double value = StartObjective(starts[s], tables, threshold);
                if (!double.IsFinite(value) || value > threshold) continue;
                kept.Enqueue(s, (value, s));
                if (kept.Count > count) kept.Dequeue();
            }
            survivors[c] = kept.UnorderedItems.Select(k => k.Priority).ToList();
        });
        return survivors.SelectMany(k => k).OrderBy(k => k.Value).ThenBy(k => k.Index).Take(count).Select(k => k.Index).ToArray();
    }

    // Σ w·loss over the points at one start, stopping (returning the partial sum) once it exceeds threshold.
    double StartObjective(double[] start, PowerTables tables, double threshold)
    {
        double[] x1 = tables.Params(start[3]), x2 = tables.Tokens(start[4]);
        double a = Math.Exp(start[0]), b = Math.Exp(start[1]), e = Math.Exp(start[2]), total = 0;
        for (int i = 0; i < logLoss.Length; i++)
        {
            if (weights[i] == 0) continue;
            double r = Math.Log(e + a * x1[i] + b * x2[i]) - logLoss[i];
            total += weights[i] * Kernels.Residuals.Loss(r, huber, delta);
            if (total > threshold) break;
        }
        return total;
    }

    // N^−α and D^−β for every distinct α and β of a start grid, built once per screening.
    sealed class PowerTables(double[] logParams, double[] logTokens, double[][] starts)
    {
        readonly Dictionary<double, double[]> x1 = Build(logParams, starts, 3), x2 = Build(logTokens, starts, 4);

        public double[] Params(double alpha) => x1[alpha];
        public double[] Tokens(double beta) => x2[beta];

        static Dictionary<double, double[]> Build(double[] logs, double[][] starts, int column) =>
            starts.Select(s => s[column]).Distinct().ToDictionary(x => x, x => logs.Select(l => Math.Exp(-x * l)).ToArray());
    }

    sealed class WorstFirst : IComparer<(double Value, int Index)>
    {
        public static readonly WorstFirst Instance = new();
        public int Compare((double Value, int Index) x, (double Value, int Index) y) => y.CompareTo(x);
    }
}
