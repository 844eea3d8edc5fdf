namespace ScalingGpu.Fitting;

/// <summary>
/// The last <c>capacity</c> curvature pairs (s, y, ρ = 1/sᵀy) of an L-BFGS run in flat ring buffers (no allocation per
/// iteration), and the two-loop recursion over them.
/// </summary>
internal sealed class CurvatureHistory(int capacity, int dim)
{
    readonly double[] s = new double[capacity * dim], y = new double[capacity * dim], rho = new double[capacity], alpha = new double[capacity];
    int oldest, count;

    /// <summary>Pairs held.</summary>
    public int Count => count;

    /// <summary>Forgets every pair.</summary>
    public void Clear() => oldest = count = 0;

    /// <summary>Adds the newest pair, dropping the oldest when full.</summary>
    public void Add(ReadOnlySpan<double> sk, ReadOnlySpan<double> yk, double rhoK)
    {
        if (count == capacity) { oldest = (oldest + 1) % capacity; count--; }
        int slot = (oldest + count) % capacity;
        sk.CopyTo(s.AsSpan(slot * dim, dim));
        yk.CopyTo(y.AsSpan(slot * dim, dim));
        rho[slot] = rhoK;
        count++;
    }

    /// <summary>Two-loop recursion d = −H·pg over the pairs (newest first, then oldest first); held coordinates stay 0.</summary>
    public void Direction(ReadOnlySpan<double> pg, ReadOnlySpan<bool> held, Span<double> d)
    {
        for (int k = 0; k < dim; k++) d[k] = -pg[k];
        for (int j = count - 1; j >= 0; j--)
        {
            int slot = (oldest + j) % capacity;
            alpha[j] = rho[slot] * Dot(S(slot), d);
            ReadOnlySpan<double> yj = Y(slot);
            for (int k = 0; k < dim; k++) d[k] -= alpha[j] * yj[k];
        }
        if (count > 0)
        {
            int newest = (oldest + count - 1) % capacity;
            double gamma = Dot(S(newest), Y(newest)) / Dot(Y(newest), Y(newest));
            for (int k = 0; k < dim; k++) d[k] *= gamma;
        }
        for (int j = 0; j < count; j++)
        {
            int slot = (oldest + j) % capacity;
            double beta = rho[slot] * Dot(Y(slot), d);
            ReadOnlySpan<double> sj = S(slot);
            for (int k = 0; k < dim; k++) d[k] += (alpha[j] - beta) * sj[k];
        }
        for (int k = 0; k < dim; k++) if (held[k]) d[k] = 0;
    }

    ReadOnlySpan<double> S(int slot) => s.AsSpan(slot * dim, dim);
    ReadOnlySpan<double> Y(int slot) => y.AsSpan(slot * dim, dim);

    /// <summary>Σ a·b in index order (the order the recursion's results depend on).</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}
