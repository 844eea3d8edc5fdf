using System.Runtime.Intrinsics;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The Huber grid on raw loss for the host, four β cells per vector: the semismooth Newton search of
/// <see cref="CellObjective"/> (one <see cref="HuberNewton"/> state machine per lane makes every decision), with the
/// passes over the points in 256-bit lanes and each block started from its neighbours' optima instead of least squares.
/// <see cref="ModelPass"/> is the vector twin of <see cref="HuberModelAccumulator.Add"/> and <see cref="LeastSquaresPass"/>
/// of <see cref="CellAccumulator.Add"/> (with IRLS weights when robust): the same operations in the same order (tested
/// equal). The start differs from the cell code's, the optimum does not: objectives agree to rounding (tested).
/// </summary>
internal static class HuberGrid
{
    const int Lanes = 4;

    public static void Evaluate(GridProblem problem, CellObjectiveSpec spec, double[] objective)
    {
        GridShape shape = problem.Shape;
        int n = shape.PointCount, gb = shape.BetaCount, blocks = (gb + Lanes - 1) / Lanes;
        // x2 transposed to [n × padded β], padding lanes repeat the last β (their results are discarded).
        var x2t = new double[n * blocks * Lanes];
        for (int i = 0; i < n; i++)
            for (int b = 0; b < blocks * Lanes; b++) x2t[i * blocks * Lanes + b] = problem.X2[Math.Min(b, gb - 1) * n + i];
        // One (resample, α) row per work item: each block of four β cells starts from the optima of the previous block's last
        // two cells, extrapolated linearly to each lane's β (clamped at 0): the optimum moves smoothly along β, so the start's
        // inlier set is nearly the optimum's and Newton needs two or three passes instead of four or five from least squares.
        Parallel.For(0, shape.ResampleCount * shape.AlphaCount, row =>
        {
            int a = row % shape.AlphaCount, r = row / shape.AlphaCount;
            Span<double> result = stackalloc double[Lanes];
            var warm = new Neighbours();
            for (int block = 0; block < blocks; block++)
            {
                Block(problem, spec, r, a, block * Lanes, blocks * Lanes, x2t, ref warm, result);
                for (int j = 0; j < Lanes && block * Lanes + j < gb; j++)
                    objective[((long)r * shape.AlphaCount + a) * gb + block * Lanes + j] = result[j];
            }
        });
    }

    // Shifted sums of the four lanes over all points, and the Huber objective where a pass measures it.
    internal struct LaneSums
    {
        public Vector256<double> W, S1, S2, St, S11, S22, S12, S1t, S2t, Stt, Objective;
    }

    // The optima of the two cells before a block (Last is the β just before it); invalid until known.
    struct Neighbours
    {
        public CellSolution Last, BeforeLast;

        public readonly CellSolution Start(int lanesAhead)
        {
            if (!BeforeLast.Valid) return Last;
            CellSolution s = Last;
            s.E = Math.Max(0, Last.E + lanesAhead * (Last.E - BeforeLast.E));
            s.A = Math.Max(0, Last.A + lanesAhead * (Last.A - BeforeLast.A));
            s.B = Math.Max(0, Last.B + lanesAhead * (Last.B - BeforeLast.B));
            return s;
        }
    }

    // Four β cells from b0, started from the neighbours' optima when known (else from each lane's least-squares
    // solution); leaves the block's last two optima in `warm`.
    static void Block(GridProblem p, CellObjectiveSpec spec, int r, int a, int b0, int stride, double[] x2t, ref Neighbours warm, Span<double> result)
    {
        int n = p.Shape.PointCount;
        ReadOnlySpan<double> w = p.Weights.AsSpan(r * n, n), x1 = p.X1.AsSpan(a * n, n), y = p.Y.AsSpan(r * n, n);
        int first = w.IndexOfAnyExcept(0.0);
        if (first < 0) { result.Fill(double.PositiveInfinity); return; }
        var k2 = Vector256.LoadUnsafe(ref x2t[first * stride + b0]);
        double k1 = x1[first], kt = y[first];

        Span<HuberNewton> search = stackalloc HuberNewton[Lanes];
        Span<bool> active = stackalloc bool[Lanes];
        LaneSums start = warm.Last.Valid ? default
            : LeastSquaresPass(w, x1, y, x2t, stride, b0, k1, k2, kt, default, default, default, spec.Delta, robust: false);
        for (int j = 0; j < Lanes; j++)
        {
            CellSolution c = warm.Last.Valid ? warm.Start(j + 1) : NonNegativeSolve.Solve(Centre(start, j, k1, k2, kt));
            active[j] = c.Valid;
            search[j] = HuberNewton.From(c);
        }
        while (Running(search, active))
        {
            bool irls = false;
            for (int j = 0; j < Lanes; j++) irls |= active[j] && search[j].WantsIrls;
            if (irls)
            {
                LaneSums robust = LeastSquaresPass(w, x1, y, x2t, stride, b0, k1, k2, kt, Lane(search, s => s.Current.E), Lane(search, s => s.Current.A),
                                                   Lane(search, s => s.Current.B), spec.Delta, robust: true);
                for (int j = 0; j < Lanes; j++)
                    if (active[j] && search[j].WantsIrls) search[j].TakeIrls(Centre(robust, j, k1, k2, kt));
            }
            LaneSums model = ModelPass(w, x1, y, x2t, stride, b0, k1, k2, kt, Lane(search, s => s.Point.E), Lane(search, s => s.Point.A),
                                       Lane(search, s => s.Point.B), spec.Delta);
            for (int j = 0; j < Lanes; j++)
                if (active[j] && !search[j].Done) search[j].Measured(model.Objective.GetElement(j), Centre(model, j, k1, k2, kt), spec);
        }
        for (int j = 0; j < Lanes; j++) result[j] = active[j] ? search[j].Objective : double.PositiveInfinity;
        warm.Last = active[Lanes - 1] ? search[Lanes - 1].Current : default;
        warm.BeforeLast = active[Lanes - 2] ? search[Lanes - 2].Current : default;
    }

    static bool Running(ReadOnlySpan<HuberNewton> search, ReadOnlySpan<bool> active)
    {
        for (int j = 0; j < Lanes; j++)
            if (active[j] && !search[j].Done) return true;
        return false;
    }

    static Vector256<double> Lane(ReadOnlySpan<HuberNewton> search, Func<HuberNewton, double> value) =>
        Vector256.Create(value(search[0]), value(search[1]), value(search[2]), value(search[3]));

    internal static CellSums Centre(in LaneSums s, int j, double k1, Vector256<double> k2, double kt) =>
        CellAccumulator.Centre(k1, k2.GetElement(j), kt, s.W.GetElement(j), s.S1.GetElement(j), s.S2.GetElement(j), s.St.GetElement(j),
                               s.S11.GetElement(j), s.S22.GetElement(j), s.S12.GetElement(j), s.S1t.GetElement(j), s.S2t.GetElement(j), s.Stt.GetElement(j));

    // Least-squares sums of the four lanes with plain weights, or with IRLS weights w·min(1, δ/|r|) at (E, A, B) when robust.
    static LaneSums LeastSquaresPass(ReadOnlySpan<double> w, ReadOnlySpan<double> x1, ReadOnlySpan<double> y, double[] x2t, int stride, int b0,
                                     double k1, Vector256<double> k2, double kt, Vector256<double> e, Vector256<double> a, Vector256<double> b,
                                     double delta, bool robust)
    {
        var s = new LaneSums();
        var vDelta = Vector256.Create(delta);
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] == 0) continue;
            var x2 = Vector256.LoadUnsafe(ref x2t[i * stride + b0]);
            var weight = Vector256.Create(w[i]);
            var vx1 = Vector256.Create(x1[i]);
            if (robust)
            {
                var ar = Vector256.Abs(Vector256.Create(y[i]) - (e + a * vx1 + b * x2));
                weight *= Vector256.ConditionalSelect(Vector256.LessThanOrEqual(ar, vDelta), Vector256<double>.One, vDelta / ar);
            }
            var d1 = vx1 - Vector256.Create(k1);
            var d2 = x2 - k2;
            var dt = Vector256.Create(y[i] - kt);
            var w1 = weight * d1;
            var w2 = weight * d2;
            s.W += weight; s.S1 += w1; s.S2 += w2; s.St += weight * dt;
            s.S11 += w1 * d1; s.S22 += w2 * d2; s.S12 += w1 * d2; s.S1t += w1 * dt; s.S2t += w2 * dt; s.Stt += weight * dt * dt;
        }
        return s;
    }

    // The Huber objective and Newton model of the four lanes at (E, A, B), as HuberModelAccumulator.Add point by point.
    internal static LaneSums ModelPass(ReadOnlySpan<double> w, ReadOnlySpan<double> x1, ReadOnlySpan<double> y, double[] x2t, int stride, int b0,
                              double k1, Vector256<double> k2, double kt, Vector256<double> e, Vector256<double> a, Vector256<double> b, double delta)
    {
        var s = new LaneSums();
        var vDelta = Vector256.Create(delta);
        var half = Vector256.Create(0.5);
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] == 0) continue;
            var x2 = Vector256.LoadUnsafe(ref x2t[i * stride + b0]);
            var weight = Vector256.Create(w[i]);
            var vx1 = Vector256.Create(x1[i]);
            var r = Vector256.Create(y[i]) - (e + a * vx1 + b * x2);
            var ar = Vector256.Abs(r);
            var inside = Vector256.LessThanOrEqual(ar, vDelta);
            s.Objective += weight * Vector256.ConditionalSelect(inside, half * r * r, vDelta * (ar - half * vDelta));
            var wi = Vector256.ConditionalSelect(inside, weight, Vector256<double>.Zero);
            var dw = vDelta * weight;
            var g = Vector256.ConditionalSelect(inside, Vector256<double>.Zero, Vector256.ConditionalSelect(Vector256.GreaterThan(r, Vector256<double>.Zero), dw, -dw));
            var d1 = vx1 - Vector256.Create(k1);
            var d2 = x2 - k2;
            var dt = Vector256.Create(y[i] - kt);
            var w1 = wi * d1;
            var w2 = wi * d2;
            var u = wi * dt + g;
            s.W += wi; s.S1 += w1; s.S2 += w2; s.St += u;
            s.S11 += w1 * d1; s.S22 += w2 * d2; s.S12 += w1 * d2; s.S1t += u * d1; s.S2t += u * d2; s.Stt += wi * dt * dt;
        }
        return s;
    }
}
