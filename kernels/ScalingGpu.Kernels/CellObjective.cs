namespace ScalingGpu.Kernels;

/// <summary>
/// The best (E, A, B) ≥ 0 of one (α, β) cell and its objective. One definition, used by the
/// ILGPU kernels and by the host paths alike.
/// </summary>
public static class CellObjective
{
    /// <summary>
    /// Minimises the cell objective over E, A, B ≥ 0: one exact NNLS solve for MSE on raw loss,
    /// semismooth Newton for Huber (<see cref="HuberNewton"/>), and Gauss–Newton with
    /// step halving for log space. The returned objective and RSS are re-evaluated over the points,
    /// never taken from the normal equations.
    /// </summary>
    public static CellResult Evaluate<TPoints>(in TPoints points, in CellObjectiveSpec spec)
        where TPoints : struct, ICellPoints
    {
        // Every objective starts from the raw-loss least-squares solution.
        var sums = new CellAccumulator();
        for (int i = 0; i < points.Count; i++)
        {
            double y = points.Y(i);
            sums.Add(points.Weight(i), points.X1(i), points.X2(i), spec.LogSpace ? Math.Exp(y) : y);
        }
        CellSolution c = NonNegativeSolve.Solve(sums.Centre());
        var result = new CellResult();
        if (!c.Valid) return result;

        double objective;
        bool converged = false;
        if (spec.LogSpace) objective = GaussNewton(points, spec, ref c, ref converged);
        else if (spec.Huber) objective = HuberSearch(points, spec, ref c, ref converged);
        else { objective = Measure(points, spec, c.E, c.A, c.B); converged = true; }
        result.Converged = converged;

        result.E = c.E; result.A = c.A; result.B = c.B; result.Clamped = c.Clamped;
        result.Objective = objective;
        result.Rss = spec.IsLinear ? objective : Measure(points, new CellObjectiveSpec(false, 0, spec.LogSpace, 0, 0), c.E, c.A, c.B);
        result.Valid = objective < double.PositiveInfinity;
        return result;
    }

    // Huber on raw loss: semismooth Newton (HuberNewton), one pass over the points per step.
    static double HuberSearch<TPoints>(in TPoints points, in CellObjectiveSpec spec, ref CellSolution c, ref bool converged)
        where TPoints : struct, ICellPoints
    {
        var search = HuberNewton.From(c);
        while (!search.Done)
        {
            if (search.WantsIrls) { search.TakeIrls(IrlsSums(points, spec.Delta, search.Current)); continue; }
            CellSolution p = search.Point;
            var model = new HuberModelAccumulator();
            for (int i = 0; i < points.Count; i++)
                model.Add(points.Weight(i), points.X1(i), points.X2(i), points.Y(i), p.E, p.A, p.B, spec.Delta);
            search.Measured(model.Objective, model.Centre(), spec);
        }
        c = search.Current;
        converged = search.Converged;
        return search.Objective;
    }

    // The IRLS majoriser at c: least squares with weights w·min(1, δ/|r|).
    static CellSums IrlsSums<TPoints>(in TPoints points, double delta, in CellSolution c)
        where TPoints : struct, ICellPoints
    {
        var sums = new CellAccumulator();
        for (int i = 0; i < points.Count; i++)
        {
            double w = points.Weight(i);
            if (w == 0) continue;
            double x1 = points.X1(i), x2 = points.X2(i), y = points.Y(i);
            sums.Add(w * Residuals.RobustWeight(y - Residuals.Predict(c.E, c.A, c.B, x1, x2), true, delta), x1, x2, y);
        }
        return sums.Centre();
    }

    // Log space: Gauss–Newton (with IRLS weights for Huber) and step halving, which keeps every iterate feasible
    // (convex combination) and the objective non-increasing.
    static double GaussNewton<TPoints>(in TPoints points, in CellObjectiveSpec spec, ref CellSolution c, ref bool converged)
        where TPoints : struct, ICellPoints
    {
        double objective = Measure(points, spec, c.E, c.A, c.B);
        for (int it = 0; it < spec.MaxIterations; it++)
        {
            CellSolution next = Reweighted(points, spec, c);
            if (!next.Valid) break;
            double step = 1, trial = Measure(points, spec, next.E, next.A, next.B);
            while (!(trial <= objective) && step > 1e-6)
            {
                step *= 0.5;
                trial = Measure(points, spec, c.E + step * (next.E - c.E), c.A + step * (next.A - c.A), c.B + step * (next.B - c.B));
            }
            if (!(trial <= objective)) { converged = true; break; }   // no descent left at rounding level
            double gain = objective - trial;
            c.E += step * (next.E - c.E); c.A += step * (next.A - c.A); c.B += step * (next.B - c.B);
            c.Clamped = next.Clamped;
            objective = trial;
            if (gain <= spec.Tolerance * objective) { converged = true; break; }
        }
        return objective;
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

    // One Gauss–Newton step in log space: a weighted NNLS linearised around μ (weight w·ρw/μ², target μ·(1 + r), since
    // log μ' ≈ log μ + (μ' − μ)/μ), with robust weights ρw for Huber.
    static CellSolution Reweighted<TPoints>(in TPoints points, in CellObjectiveSpec spec, in CellSolution c)
        where TPoints : struct, ICellPoints
    {
        var sums = new CellAccumulator();
        for (int i = 0; i < points.Count; i++)
        {
            double w = points.Weight(i);
            if (w == 0) continue;
            double x1 = points.X1(i), x2 = points.X2(i);
            double mu = Residuals.Predict(c.E, c.A, c.B, x1, x2);
            double r = Residuals.Residual(points.Y(i), mu, spec.LogSpace);
            double rw = w * Residuals.RobustWeight(r, spec.Huber, spec.Delta);
            sums.Add(rw / (mu * mu), x1, x2, mu * (1 + r));
        }
        return NonNegativeSolve.Solve(sums.Centre());
    }
}
