using System.Runtime.Intrinsics;
using ScalingGpu.Kernels;

namespace ScalingGpu.Compute;

/// <summary>
/// The Huber grid on raw loss for the host, four β cells per vector: the same one-pass IRLS as
/// <see cref="CellObjective"/> (shifted-data sums, exact NNLS per step, stop when the objective stops moving), with the
/// point loop in 256-bit lanes and the per-cell solves and convergence tests scalar. It performs the scalar path's
/// arithmetic lane by lane in the same order, so it returns the same objectives (tested against the direct path).
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
        Parallel.For(0, shape.ResampleCount * shape.AlphaCount * blocks, work =>
        {
            int block = work % blocks, a = work / blocks % shape.AlphaCount, r = work / blocks / shape.AlphaCount;
            Span<double> result = stackalloc double[Lanes];
            Block(problem, spec, r, a, block * Lanes, blocks * Lanes, x2t, result);
            for (int j = 0; j < Lanes && block * Lanes + j < gb; j++)
                objective[((long)r * shape.AlphaCount + a) * gb + block * Lanes + j] = result[j];
        });
    }

    // Shifted sums of the four lanes over all points, with robust weights from the current coefficients (or plain
    // weights when robust is false); returns the Huber objective of the current coefficients per lane.
    struct LaneSums
    {
        public Vector256<double> W, S1, S2, St, S11, S22, S12, S1t, S2t, Stt, Objective;
    }

    static void Block(GridProblem p, CellObjectiveSpec spec, int r, int a, int b0, int stride, double[] x2t, Span<double> result)
    {
        int n = p.Shape.PointCount;
        ReadOnlySpan<double> w = p.Weights.AsSpan(r * n, n), x1 = p.X1.AsSpan(a * n, n), y = p.Y.AsSpan(r * n, n);
        int first = w.IndexOfAnyExcept(0.0);
        if (first < 0) { result.Fill(double.PositiveInfinity); return; }
        var k2 = Vector256.LoadUnsafe(ref x2t[first * stride + b0]);
        double k1 = x1[first], kt = y[first];

        var c = new CellSolution[Lanes];
        var last = new CellSolution[Lanes];
        var previous = new double[Lanes];
        var done = new bool[Lanes];
        LaneSums start = Pass(w, x1, y, x2t, stride, b0, k1, k2, kt, default, default, default, spec.Delta, robust: false);
        for (int j = 0; j < Lanes; j++)
        {
            c[j] = NonNegativeSolve.Solve(Centre(start, j, k1, k2, kt));
            previous[j] = double.PositiveInfinity;
            if (!c[j].Valid) { done[j] = true; result[j] = double.PositiveInfinity; }
        }
        for (int it = 0; it <= spec.MaxIterations && done.Contains(false); it++)
        {
            var e = Vector256.Create(c[0].E, c[1].E, c[2].E, c[3].E);
            var aa = Vector256.Create(c[0].A, c[1].A, c[2].A, c[3].A);
            var bb = Vector256.Create(c[0].B, c[1].B, c[2].B, c[3].B);
            LaneSums sums = Pass(w, x1, y, x2t, stride, b0, k1, k2, kt, e, aa, bb, spec.Delta, robust: true);
            for (int j = 0; j < Lanes; j++)
            {
                if (done[j]) continue;
                double value = sums.Objective.GetElement(j);
                // The same decisions, in the same order, as CellObjective's IRLS.
                if (!(value <= previous[j])) { done[j] = true; result[j] = previous[j]; continue; }
                if (previous[j] - value <= spec.Tolerance * value || it == spec.MaxIterations) { done[j] = true; result[j] = value; continue; }
                CellSolution next = NonNegativeSolve.Solve(Centre(sums, j, k1, k2, kt));
                if (!next.Valid) { done[j] = true; result[j] = value; continue; }
                last[j] = c[j];
                c[j] = next;
                previous[j] = value;
            }
        }
    }

    static CellSums Centre(in LaneSums s, int j, double k1, Vector256<double> k2, double kt) =>
        CellAccumulator.Centre(k1, k2.GetElement(j), kt, s.W.GetElement(j), s.S1.GetElement(j), s.S2.GetElement(j), s.St.GetElement(j),
                               s.S11.GetElement(j), s.S22.GetElement(j), s.S12.GetElement(j), s.S1t.GetElement(j), s.S2t.GetElement(j), s.Stt.GetElement(j));

    static LaneSums Pass(ReadOnlySpan<double> w, ReadOnlySpan<double> x1, ReadOnlySpan<double> y, double[] x2t, int stride, int b0,
                         double k1, Vector256<double> k2, double kt, Vector256<double> e, Vector256<double> a, Vector256<double> b, double delta, bool robust)
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
            if (robust)
            {
                // r = y − (E + A·x1 + B·x2); Huber loss and weight min(1, δ/|r|), as Residuals.HuberWithWeight.
                var r = Vector256.Create(y[i]) - (e + a * vx1 + b * x2);
                var ar = Vector256.Abs(r);
                var inside = Vector256.LessThanOrEqual(ar, vDelta);
                s.Objective += weight * Vector256.ConditionalSelect(inside, half * r * r, vDelta * (ar - half * vDelta));
                weight *= Vector256.ConditionalSelect(inside, Vector256<double>.One, vDelta / ar);
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
}
