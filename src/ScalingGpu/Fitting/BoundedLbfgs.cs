namespace ScalingGpu.Fitting;

/// <summary>Objective and gradient at x; returns f and writes ∇f into <c>gradient</c>. Non-finite f means "outside the domain".</summary>
internal delegate double GradientObjective(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Why <see cref="BoundedLbfgs"/> stopped.</summary>
internal enum LbfgsExit { Converged, LineSearchStalled, IterationLimit, NonFinite }

/// <summary>Result of one minimisation.</summary>
internal sealed record LbfgsResult(double[] X, double F, LbfgsExit Exit, int Iterations, double ProjectedGradient)
{
    public bool Success => Exit == LbfgsExit.Converged;
}

/// <summary>Convergence settings (DESIGN.md §1: tight, since bootstrap spreads depend on it).</summary>
internal sealed record LbfgsSettings
{
    /// <summary>Stop when |Δf| ≤ this × max(|f|, FloorF).</summary>
    public double RelativeFunctionTolerance { get; init; } = 1e-15;
    /// <summary>Stop when ‖projected ∇f‖∞ ≤ this × max(|f|, FloorF).</summary>
    public double RelativeGradientTolerance { get; init; } = 1e-10;
    /// <summary>A stalled line search still counts as converged when the gradient test holds to this.</summary>
    public double StalledGradientTolerance { get; init; } = 1e-6;
    /// <summary>Objective scale below which tolerances become absolute (exact fits reach f ≈ 0).</summary>
    public double FloorF { get; init; } = 1e-300;
    public int MaxIterations { get; init; } = 2000;
    public int History { get; init; } = 10;
}

/// <summary>
/// Limited-memory BFGS with box bounds by projection: variables at a bound whose gradient pushes outward are held,
/// the two-loop direction acts on the free ones, and a backtracking Armijo search runs along the projected path.
/// One problem per call; callers run many problems (starts, resamples) in parallel.
/// </summary>
internal static class BoundedLbfgs
{
    public static LbfgsResult Minimize(GradientObjective objective, double[] start, double[]? lower, double[]? upper, LbfgsSettings settings)
    {
        int dim = start.Length;
        var x = (double[])start.Clone();
        Project(x, lower, upper);
        var g = new double[dim];
        double f = objective(x, g);
        if (!double.IsFinite(f)) return new LbfgsResult(x, f, LbfgsExit.NonFinite, 0, double.NaN);

        var history = new History(settings.History, dim);
        var xNew = new double[dim]; var gNew = new double[dim]; var d = new double[dim]; var pg = new double[dim];
        var held = new bool[dim];
        for (int iter = 0; iter < settings.MaxIterations; iter++)
        {
            double scale = Math.Max(Math.Abs(f), settings.FloorF);
            double pgNorm = ProjectedGradient(x, g, lower, upper, pg, held);
            if (pgNorm <= settings.RelativeGradientTolerance * scale) return new(x, f, LbfgsExit.Converged, iter, pgNorm);

            history.Direction(pg, held, d);
            double slope = Dot(d, pg);
            if (!(slope < 0))
            {
                history.Clear();
                for (int k = 0; k < dim; k++) d[k] = -pg[k];
                slope = -Dot(pg, pg);
            }
            // First step (no curvature yet): move at most 1 in the largest coordinate.
            double t = history.Count == 0 ? Math.Min(1, 1 / MaxAbs(d)) : 1;
            double fNew = double.NaN;
            bool accepted = false;
            for (int tries = 0; tries < 60 && !accepted; tries++, t *= 0.5)
            {
                for (int k = 0; k < dim; k++) xNew[k] = x[k] + t * d[k];
                Project(xNew, lower, upper);
                fNew = objective(xNew, gNew);
                double decrease = 0;
                for (int k = 0; k < dim; k++) decrease += g[k] * (xNew[k] - x[k]);
                accepted = double.IsFinite(fNew) && fNew <= f + 1e-4 * decrease;
            }
            if (!accepted)
            {
                if (history.Count > 0) { history.Clear(); continue; }   // retry once from steepest descent
                var exit = pgNorm <= settings.StalledGradientTolerance * scale ? LbfgsExit.Converged : LbfgsExit.LineSearchStalled;
                return new(x, f, exit, iter, pgNorm);
            }

            history.Add(x, xNew, g, gNew);
            double change = Math.Abs(f - fNew);
            Array.Copy(xNew, x, dim); Array.Copy(gNew, g, dim); f = fNew;
            if (change <= settings.RelativeFunctionTolerance * Math.Max(Math.Abs(f), settings.FloorF))
                return new(x, f, LbfgsExit.Converged, iter + 1, ProjectedGradient(x, g, lower, upper, pg, held));
        }
        return new(x, f, LbfgsExit.IterationLimit, settings.MaxIterations, ProjectedGradient(x, g, lower, upper, pg, held));
    }

    // Gradient with the components that push against an active bound zeroed (and marked held); returns its ∞-norm.
    static double ProjectedGradient(double[] x, double[] g, double[]? lower, double[]? upper, double[] pg, bool[] held)
    {
        double norm = 0;
        for (int k = 0; k < x.Length; k++)
        {
            held[k] = (lower is not null && x[k] <= lower[k] && g[k] > 0) || (upper is not null && x[k] >= upper[k] && g[k] < 0);
            pg[k] = held[k] ? 0 : g[k];
            norm = Math.Max(norm, Math.Abs(pg[k]));
        }
        return norm;
    }

    static void Project(double[] x, double[]? lower, double[]? upper)
    {
        for (int k = 0; k < x.Length; k++)
        {
            if (lower is not null && x[k] < lower[k]) x[k] = lower[k];
            if (upper is not null && x[k] > upper[k]) x[k] = upper[k];
        }
    }

    static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    /// <summary>
    /// The last m curvature pairs (s, y, ρ = 1/sᵀy), oldest first, in preallocated slots reused round-robin, so an
    /// iteration allocates nothing (Approach 3 runs millions of short iterations).
    /// </summary>
    sealed class History(int capacity, int dim)
    {
        readonly double[][] s = Slots(capacity, dim), y = Slots(capacity, dim);
        readonly double[] rho = new double[capacity], alpha = new double[capacity];
        double[] sNext = new double[dim], yNext = new double[dim];
        int oldest;

        public int Count { get; private set; }

        public void Clear() { Count = 0; oldest = 0; }

        // Stores (xNew − x, gNew − g) when its curvature sᵀy is safely positive.
        public void Add(double[] x, double[] xNew, double[] g, double[] gNew)
        {
            for (int k = 0; k < dim; k++) { sNext[k] = xNew[k] - x[k]; yNext[k] = gNew[k] - g[k]; }
            double sy = Dot(sNext, yNext);
            if (!(sy > 1e-300 && sy > 1e-12 * Math.Sqrt(Dot(sNext, sNext) * Dot(yNext, yNext)))) return;
            if (Count == capacity) { oldest = (oldest + 1) % capacity; Count--; }
            int slot = (oldest + Count) % capacity;
            (s[slot], sNext) = (sNext, s[slot]);
            (y[slot], yNext) = (yNext, y[slot]);
            rho[slot] = 1 / sy;
            Count++;
        }

        // Two-loop recursion d = −H·pg; held coordinates stay at their bound.
        public void Direction(double[] pg, bool[] held, double[] d)
        {
            for (int k = 0; k < dim; k++) d[k] = -pg[k];
            for (int j = Count - 1; j >= 0; j--)
            {
                int slot = (oldest + j) % capacity;
                alpha[j] = rho[slot] * Dot(s[slot], d);
                for (int k = 0; k < dim; k++) d[k] -= alpha[j] * y[slot][k];
            }
            if (Count > 0)
            {
                int newest = (oldest + Count - 1) % capacity;
                double gamma = Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]);
                for (int k = 0; k < dim; k++) d[k] *= gamma;
            }
            for (int j = 0; j < Count; j++)
            {
                int slot = (oldest + j) % capacity;
                double beta = rho[slot] * Dot(y[slot], d);
                for (int k = 0; k < dim; k++) d[k] += (alpha[j] - beta) * s[slot][k];
            }
            for (int k = 0; k < dim; k++) if (held[k]) d[k] = 0;
        }

        static double[][] Slots(int capacity, int dim) => Enumerable.Range(0, capacity).Select(_ => new double[dim]).ToArray();
    }
}
