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

        var history = new CurvatureHistory(settings.History, dim);
        var xNew = new double[dim]; var gNew = new double[dim]; var d = new double[dim]; var pg = new double[dim];
        var sk = new double[dim]; var yk = new double[dim];
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

            for (int k = 0; k < dim; k++) { sk[k] = xNew[k] - x[k]; yk[k] = gNew[k] - g[k]; }
            double sy = Dot(sk, yk);
            if (sy > 1e-300 && sy > 1e-12 * Math.Sqrt(Dot(sk, sk) * Dot(yk, yk))) history.Add(sk, yk, 1 / sy);
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

    static double Dot(double[] a, double[] b) => CurvatureHistory.Dot(a, b);

    static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
