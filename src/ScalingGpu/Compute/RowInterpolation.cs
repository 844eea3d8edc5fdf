namespace ScalingGpu.Compute;

/// <summary>
/// A table's rows as polynomial interpolants of a few of its own rows: x[b, ·] ≈ Σ_j L[b, j]·x[node_j, ·], in the row
/// index, with the nodes the rows nearest the Chebyshev points. A power table x2[b, i] = (D_i/D_ref)^−β_b on an evenly
/// spaced β axis is analytic in β, so about 20 nodes reproduce every entry to <see cref="Tolerance"/> relative: the
/// shortlist then forms a cell's cross sum Σ_i w·x1·x2 as Σ_j L[b, j]·(Σ_i w·x1·x2[node_j, i]), 2k flops per cell
/// instead of 2 per weighted point. The error is measured on the whole table when the basis is built (no basis when it
/// is not reached, e.g. an uneven or short axis), so it is a property of the table, not an assumption.
/// </summary>
internal sealed class RowInterpolation
{
    /// <summary>
    /// Largest relative error of an interpolated entry: about 18 ulps, the rounding floor of the interpolation itself
    /// (Llama 3's β table at step 0.001 or 0.01 reaches 1.5e−15 with 20 nodes; 16 nodes leave 1.5e−12).
    /// </summary>
    public const double Tolerance = 4e-15;

    const int MinNodes = 8, MaxNodes = 32;

    /// <summary>Row indices of the nodes, ascending.</summary>
    public required int[] Nodes { get; init; }
    /// <summary>[rows × nodes] Lagrange basis value of each node at each row.</summary>
    public required double[] Weights { get; init; }
    /// <summary>Largest relative error over the table's entries (measured).</summary>
    public required double MaxError { get; init; }

    /// <summary>Number of nodes.</summary>
    public int Count => Nodes.Length;

    /// <summary>
    /// The basis with the fewest nodes (8 to 32, at most half the rows) that reproduces every entry of
    /// <paramref name="table"/> [rows × n] to <see cref="Tolerance"/>; null when none does.
    /// </summary>
    public static RowInterpolation? TryBuild(ReadOnlySpan<double> table, int rows, int n)
    {
        for (int k = MinNodes; k <= MaxNodes && 2 * k <= rows; k += 2)
        {
            int[] nodes = ChebyshevRows(rows, k);
            if (nodes.Length < k) continue;
            double[] weights = Lagrange(nodes, rows);
            double error = MaxRelativeError(table, rows, n, nodes, weights);
            if (error <= Tolerance) return new RowInterpolation { Nodes = nodes, Weights = weights, MaxError = error };
        }
        return null;
    }

    // The rows nearest the k Chebyshev points of [0, rows − 1] (first kind), duplicates dropped.
    static int[] ChebyshevRows(int rows, int k)
    {
        double half = (rows - 1) / 2.0;
        return Enumerable.Range(0, k).Select(j => (int)Math.Round(half * (1 - Math.Cos(Math.PI * (2 * j + 1) / (2 * k))))).Distinct().Order().ToArray();
    }

    // Barycentric form of the Lagrange basis at every row: L_j(t) = (λ_j/(t − t_j)) / Σ_m λ_m/(t − t_m), λ_j = 1/Π(t_j − t_m),
    // and exactly δ at the nodes.
    static double[] Lagrange(int[] nodes, int rows)
    {
        int k = nodes.Length;
        var lambda = new double[k];
        for (int j = 0; j < k; j++)
        {
            double product = 1;
            for (int m = 0; m < k; m++)
                if (m != j) product *= (nodes[j] - nodes[m]) / (double)rows;   // scaled by rows: no overflow for any k here
            lambda[j] = 1 / product;
        }
        var weights = new double[rows * k];
        var terms = new double[k];
        for (int t = 0; t < rows; t++)
        {
            int at = Array.IndexOf(nodes, t);
            if (at >= 0) { weights[t * k + at] = 1; continue; }
            double total = 0;
            for (int j = 0; j < k; j++) total += terms[j] = lambda[j] / (t - nodes[j]);
            for (int j = 0; j < k; j++) weights[t * k + j] = terms[j] / total;
        }
        return weights;
    }

    static double MaxRelativeError(ReadOnlySpan<double> table, int rows, int n, int[] nodes, double[] weights)
    {
        int k = nodes.Length;
        double worst = 0;
        for (int t = 0; t < rows; t++)
            for (int i = 0; i < n; i++)
            {
                double value = 0;
                for (int j = 0; j < k; j++) value += weights[t * k + j] * table[nodes[j] * n + i];
                double exact = table[t * n + i], error = Math.Abs(value - exact);
                if (!(error <= Tolerance * Math.Abs(exact))) return double.PositiveInfinity;   // also NaN: no basis
                if (error > 0) worst = Math.Max(worst, error / Math.Abs(exact));
            }
        return worst;
    }
}
