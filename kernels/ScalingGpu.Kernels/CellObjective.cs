namespace ScalingGpu.Kernels;

/// <summary>
/// The best (E, A, B) ≥ 0 of one (α, β) cell and its objective. One definition, used by the
/// ILGPU kernels and by the host paths alike.
/// </summary>
public static class CellObjective
{
    /// <summary>
    /// Minimises the cell objective over E, A, B ≥ 0: one exact NNLS solve for MSE on raw loss,
    /// IRLS for Huber (weights min(1, δ/|r|) until the objective stops moving), and Gauss–Newton with
    /// step halving for log space. The returned objective and RSS are re-evaluated over the points,
    /// never taken from the normal equations.
    /// </summary>
    public static CellResult Evaluate<TPoints>(in TPoints points, in CellObjectiveSpec spec)
        where TPoints : struct, ICellPoints
    {
        // Every objective starts from the raw-loss least-squares solution.
        var sums = new CellSums();
        for (int i = 0; i < points.Count; i++)
        {
            double y = points.Y(i);
            sums.Add(points.Weight(i), points.X1(i), points.X2(i), spec.LogSpace ? Math.Exp(y) : y);
        }
        CellSolution c = NonNegativeSolve.Solve(sums);
        var result = new CellResult();
        if (!c.Valid) return result;

        double objective = Measure(points, spec, c.E, c.A, c.B);
        result.Converged = spec.IsLinear;
        for (int it = 0; it < spec.MaxIterations && !spec.IsLinear; it++)
        {
            CellSolution next = Reweighted(points, spec, c);
            if (!next.Valid) break;
            // Step halving keeps every iterate feasible (convex combination) and non-increasing.
            double step = 1, trial = Measure(points, spec, next.E, next.A, next.B);
            while (!(trial <= objective) && step > 1e-6)
            {
                step *= 0.5;
                trial = Measure(points, spec, c.E + step * (next.E - c.E), c.A + step * (next.A - c.A), c.B + step * (next.B - c.B));
            }
            if (!(trial <= objective)) { result.Converged = true; break; }   // no descent left at rounding level
            double gain = objective - trial;
            c.E += step * (next.E - c.E); c.A += step * (next.A - c.A); c.B += step * (next.B - c.B);
            c.Clamped = next.Clamped;
            objective = trial;
            if (gain <= spec.Tolerance * objective) { result.Converged = true; break; }
        }

        result.E = c.E; result.A = c.A; result.B = c.B; result.Clamped = c.Clamped;
        result.Objective = objective;
        result.Rss = spec.IsLinear ? objective : Measure(points, new CellObjectiveSpec(false, 0, spec.LogSpace, 0, 0), c.E, c.A, c.B);
        result.Valid = objective < double.PositiveInfinity;
        return result;
    }

    /// <summary>Σw·loss(r) for the coefficients; +∞ when a log-space prediction is not positive.</summary>
    public static double Measure<TPoints>(in TPoints points, in CellObjectiveSpec spec, double e, double a, double b)
        where TPoints : struct, ICellPoints
    {
        double total = 0;
        for (int i = 0; i < points.Count; i++)
        {
            double w = points.Weight(i);
            if (w == 0) continue;
            double mu = Residuals.Predict(e, a, b, points.X1(i), points.X2(i));
            if (spec.LogSpace && !(mu > 0)) return double.PositiveInfinity;
            total += w * Residuals.Loss(Residuals.Residual(points.Y(i), mu, spec.LogSpace), spec.Huber, spec.Delta);
        }
        return total;
    }

    // One IRLS / Gauss–Newton step: a weighted NNLS with robust weights, linearised around μ in log space
    // (weight w·ρw/μ², target μ·(1 + r), since log μ' ≈ log μ + (μ' − μ)/μ).
    static CellSolution Reweighted<TPoints>(in TPoints points, in CellObjectiveSpec spec, in CellSolution c)
        where TPoints : struct, ICellPoints
    {
        var sums = new CellSums();
        for (int i = 0; i < points.Count; i++)
        {
            double w = points.Weight(i);
            if (w == 0) continue;
            double x1 = points.X1(i), x2 = points.X2(i);
            double mu = Residuals.Predict(c.E, c.A, c.B, x1, x2);
            double r = Residuals.Residual(points.Y(i), mu, spec.LogSpace);
            double rw = w * Residuals.RobustWeight(r, spec.Huber, spec.Delta);
            if (spec.LogSpace) sums.Add(rw / (mu * mu), x1, x2, mu * (1 + r));
            else sums.Add(rw, x1, x2, points.Y(i));
        }
        return NonNegativeSolve.Solve(sums);
    }
}
