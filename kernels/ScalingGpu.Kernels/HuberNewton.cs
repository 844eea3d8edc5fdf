namespace ScalingGpu.Kernels;

/// <summary>
/// The local quadratic of the Huber objective at given coefficients, accumulated point by point with the shift of
/// <see cref="CellAccumulator"/>. The objective is piecewise quadratic: inliers (|r| ≤ δ) add ½w·r² as least squares
/// does, outliers add δ·w·(s·r − δ/2) with s = sign r, linear in the coefficients. The linear pieces touch only the
/// target moments (g = s·δ·w in Σt, Σx1·t, Σx2·t), so <see cref="NonNegativeSolve"/>'s support enumeration minimises the
/// model exactly. Σt² is left to the inliers: it shifts every support's value by the same constant.
/// Vector twin: ScalingGpu.Compute.HuberGrid.ModelPass (same operations in the same order; tested equal).
/// </summary>
public struct HuberModelAccumulator
{
    double k1, k2, kt, w, s1, s2, st, s11, s22, s12, s1t, s2t, stt;
    int shiftedFlag;

    /// <summary>Σw·Huber_δ(r) at the coefficients the points were measured at.</summary>
    public double Objective;

    /// <summary>Measures one point at coefficients (E, A, B) and adds its piece of the model.</summary>
    public void Add(double weight, double x1, double x2, double y, double e, double a, double b, double delta)
    {
        if (weight == 0) return;
        if (shiftedFlag == 0) { k1 = x1; k2 = x2; kt = y; shiftedFlag = 1; }
        double r = y - Residuals.Predict(e, a, b, x1, x2);
        bool inside = Math.Abs(r) <= delta;
        Objective += weight * Residuals.Loss(r, true, delta);
        double wi = inside ? weight : 0;
        double g = inside ? 0 : r > 0 ? delta * weight : -(delta * weight);
        double d1 = x1 - k1, d2 = x2 - k2, dt = y - kt;
        double w1 = wi * d1, w2 = wi * d2, u = wi * dt + g;
        w += wi; s1 += w1; s2 += w2; st += u;
        s11 += w1 * d1; s22 += w2 * d2; s12 += w1 * d2; s1t += u * d1; s2t += u * d2; stt += wi * dt * dt;
    }

    /// <summary>The model as centred sums (W = Σw over inliers; zero when every point is an outlier).</summary>
    public readonly CellSums Centre() => CellAccumulator.Centre(k1, k2, kt, w, s1, s2, st, s11, s22, s12, s1t, s2t, stt);
}

/// <summary>
/// Minimises Σw·Huber_δ(y − E − A·x1 − B·x2) over E, A, B ≥ 0 by semismooth Newton, as a state machine the caller feeds
/// with passes over the points (so the scalar cell code and the four-lane host twin share every decision):
/// <list type="number">
/// <item>Measure <see cref="Point"/> with <see cref="HuberModelAccumulator"/> and hand the objective and model to
/// <see cref="Measured"/>; when <see cref="WantsIrls"/>, hand instead the IRLS sums at <see cref="Current"/> (weights
/// w·min(1, δ/|r|)) to <see cref="TakeIrls"/>. Stop when <see cref="Done"/>.</item>
/// </list>
/// Each step goes to the exact non-negative minimiser of the model at the current coefficients, halving the step until
/// the true objective does not rise (the model's gradient equals the objective's, so the direction descends). When the
/// model measured at a full step has the same sums as the model it came from, the inlier set and outlier signs did not
/// change, the objective equals that model near the point, and the point is the optimum: a handful of passes instead
/// of IRLS's tens. Where the model is unusable (no inliers, or no descent along its direction) one IRLS step, a
/// majorise–minimise step that never rises, moves on.
/// </summary>
public struct HuberNewton
{
    /// <summary>Smallest step fraction tried along a Newton direction before falling back to an IRLS step.</summary>
    public const double MinStep = 1.0 / 1048576;

    const int Starting = 0, Stepping = 1, NeedsIrls = 2, IrlsStepping = 3, Finished = 4;

    int state, passes, convergedFlag;
    double step, objective, slope;
    CellSolution current, target, point;
    CellSums model;

    /// <summary>A search that first measures <paramref name="start"/> (a valid least-squares solution).</summary>
    public static HuberNewton From(in CellSolution start) =>
        new() { state = Starting, point = start, current = start, objective = double.PositiveInfinity };

    /// <summary>Where the next <see cref="Measured"/> pass measures.</summary>
    public readonly CellSolution Point => point;
    /// <summary>The best coefficients accepted so far.</summary>
    public readonly CellSolution Current => current;
    /// <summary>The objective at <see cref="Current"/>.</summary>
    public readonly double Objective => objective;
    /// <summary>True when the search needs the IRLS sums at <see cref="Current"/> next.</summary>
    public readonly bool WantsIrls => state == NeedsIrls;
    /// <summary>True once the search has stopped.</summary>
    public readonly bool Done => state == Finished;
    /// <summary>True when it stopped at the optimum (or at no measurable gain), not at the pass budget.</summary>
    public readonly bool Converged => convergedFlag != 0;

    /// <summary>Takes the objective and model measured at <see cref="Point"/>.</summary>
    public void Measured(double value, in CellSums sums, in CellObjectiveSpec spec)
    {
        passes++;
        if (state == Starting)
        {
            objective = value;
            model = sums;
            NewtonStep();
        }
        else if (state == Stepping)
        {
            bool optimum = step == 1 && Same(sums, model);
            if (value <= objective) Accept(value, sums, spec, optimum);
            else if (optimum) Finish(true);   // the optimum, measured a rounding above the current point: keep the current
            else if (step > MinStep) { step = Backtrack(value); point = Between(current, target, step); }
            else state = NeedsIrls;
        }
        else if (value < objective) Accept(value, sums, spec, false);
        else Finish(true);   // not even a majorise–minimise step descends
        if (state != Finished && passes >= spec.MaxIterations) Finish(false);
    }

    /// <summary>Takes the IRLS sums at <see cref="Current"/> (when <see cref="WantsIrls"/>).</summary>
    public void TakeIrls(in CellSums sums)
    {
        CellSolution next = NonNegativeSolve.Solve(sums);
        if (!next.Valid) { Finish(false); return; }
        target = next;
        point = next;
        step = 1;
        state = IrlsStepping;
    }

    void Accept(double value, in CellSums sums, in CellObjectiveSpec spec, bool optimum)
    {
        double gain = objective - value;
        current = point;
        objective = value;
        model = sums;
        if (optimum || gain <= spec.Tolerance * value) Finish(true);
        else NewtonStep();
    }

    void NewtonStep()
    {
        target = NonNegativeSolve.Solve(model, double.NegativeInfinity);
        if (!target.Valid) { state = NeedsIrls; return; }
        slope = Slope(model, current, target);
        point = target;
        step = 1;
        state = Stepping;
    }

    // The next step after a rise to `value` at `step`: the minimiser of the quadratic through the objective and slope at 0
    // and the value at `step` (the objective is convex and piecewise quadratic along the direction), kept within
    // [step/10, step/2]; plain halving where the slope or the curvature has the wrong sign (rounding).
    double Backtrack(double value)
    {
        double curvature = (value - objective - slope * step) / (step * step);
        if (!(slope < 0) || !(curvature > 0)) return 0.5 * step;   // NaN included
        double next = -slope / (2 * curvature);
        return next < 0.1 * step ? 0.1 * step : next > 0.5 * step ? 0.5 * step : next;
    }

    // Directional derivative at c toward t of the model (= of the objective: Σ −w·ψ(r)·x·d), from its centred sums:
    // gradient T·c − b with T the uncentred Gram matrix of (1, x1, x2) and b its target moments.
    static double Slope(in CellSums m, in CellSolution c, in CellSolution t)
    {
        double gE = m.W * (c.E + c.A * m.M1 + c.B * m.M2 - m.Mt);
        double gA = m.W * m.M1 * c.E + m.T11 * c.A + m.T12 * c.B - m.T1t;
        double gB = m.W * m.M2 * c.E + m.T12 * c.A + m.T22 * c.B - m.T2t;
        return gE * (t.E - c.E) + gA * (t.A - c.A) + gB * (t.B - c.B);
    }

    void Finish(bool converged)
    {
        state = Finished;
        convergedFlag = converged ? 1 : 0;
    }

    static CellSolution Between(in CellSolution from, in CellSolution to, double t)
    {
        CellSolution p = to;
        p.E = from.E + t * (to.E - from.E);
        p.A = from.A + t * (to.A - from.A);
        p.B = from.B + t * (to.B - from.B);
        return p;
    }

    static bool Same(in CellSums x, in CellSums y) =>
        x.W == y.W && x.M1 == y.M1 && x.M2 == y.M2 && x.Mt == y.Mt && x.C11 == y.C11 && x.C22 == y.C22 && x.C12 == y.C12
        && x.C1t == y.C1t && x.C2t == y.C2t && x.Ctt == y.Ctt;
}
