using System.Runtime.Intrinsics;

namespace ScalingGpu.Fitting;

/// <summary>
/// <see cref="Evaluate"/> four points per Vector256: the same LSE, Huber (or squared) loss and softmax gradient, with
/// Vector256.Exp/Log in place of Math.Exp/Log. Equal to <see cref="Evaluate"/> to rounding (the vector functions are
/// within an ulp or so of the scalar ones, and lanes change the summation order), not bit for bit.
/// </summary>
internal sealed partial class Approach3Objective
{
    // The points with non-zero weight, padded with weight-0 lanes to a multiple of the vector width.
    readonly Packed packed = Pack(logParams, logTokens, logLoss, weights);

    sealed record Packed(double[] LogParams, double[] LogTokens, double[] LogLoss, double[] Weights);

    static readonly Vector256<double> ShiftFreeLimit = Vector256.Create(700.0);

    /// <summary>Objective and gradient at θ, vectorised over points (the L-BFGS runs' objective).</summary>
    public double EvaluateVector(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Packed p = packed;
        Vector256<double> a = Vector256.Create(theta[0]), b = Vector256.Create(theta[1]), e = Vector256.Create(theta[2]);
        Vector256<double> alpha = Vector256.Create(theta[3]), beta = Vector256.Create(theta[4]);
        Vector256<double> d = Vector256.Create(delta), expE = Vector256.Create(Math.Exp(theta[2]));
        Vector256<double> total = default, ga = default, gb = default, ge = default, gAlpha = default, gBeta = default;
        for (int i = 0; i < p.Weights.Length; i += Vector256<double>.Count)
        {
            Vector256<double> ln = Vector256.Create(p.LogParams.AsSpan(i)), ld = Vector256.Create(p.LogTokens.AsSpan(i));
            Vector256<double> w = Vector256.Create(p.Weights.AsSpan(i));
            Vector256<double> u1 = a - alpha * ln, u2 = b - beta * ld;
            Vector256<double> m = Vector256.Max(u1, Vector256.Max(u2, e)), p1, p2, p3;
            if (Vector256.LessThanAll(Vector256.Abs(m), ShiftFreeLimit))
            {
                // The largest exponent is within ±700, so e^u1 + e^u2 + e^e neither overflows nor vanishes: two
                // exponentials per point instead of three (e^e is one per evaluation), the same softmax weights.
                p1 = Vector256.Exp(u1); p2 = Vector256.Exp(u2); p3 = expE;
                m = Vector256<double>.Zero;
            }
            else
            {
                p1 = Vector256.Exp(u1 - m); p2 = Vector256.Exp(u2 - m); p3 = Vector256.Exp(e - m);
            }
            Vector256<double> sum = p1 + p2 + p3;
            Vector256<double> r = m + Vector256.Log(sum) - Vector256.Create(p.LogLoss.AsSpan(i));
            total += w * Loss(r, d, out Vector256<double> slope);
            slope = w * slope / sum;
            Vector256<double> s1 = slope * p1, s2 = slope * p2;
            ga += s1; gb += s2; ge += slope * p3;
            gAlpha -= s1 * ln; gBeta -= s2 * ld;
        }
        if (gradient.Length > 0)
        {
            gradient[0] = Vector256.Sum(ga); gradient[1] = Vector256.Sum(gb); gradient[2] = Vector256.Sum(ge);
            gradient[3] = Vector256.Sum(gAlpha); gradient[4] = Vector256.Sum(gBeta);
        }
        return Vector256.Sum(total);
    }

    // Residuals.Loss and LossDerivative per lane: Huber r²/2 inside δ, δ(|r| − δ/2) outside, slope clamp(r, −δ, δ); or r², 2r.
    Vector256<double> Loss(Vector256<double> r, Vector256<double> d, out Vector256<double> slope)
    {
        if (!huber)
        {
            slope = r + r;
            return r * r;
        }
        Vector256<double> ar = Vector256.Abs(r);
        slope = Vector256.Min(Vector256.Max(r, -d), d);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(ar, d), Vector256.Create(0.5) * r * r, d * (ar - Vector256.Create(0.5) * d));
    }

    static Packed Pack(double[] logParams, double[] logTokens, double[] logLoss, double[] weights)
    {
        int[] used = Enumerable.Range(0, weights.Length).Where(i => weights[i] != 0).ToArray();
        int length = (used.Length + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        double[] Take(double[] source)
        {
            var packedValues = new double[length];   // padding lanes: ln N = ln D = ln L = 0 and weight 0 add exactly 0
            for (int k = 0; k < used.Length; k++) packedValues[k] = source[used[k]];
            return packedValues;
        }
        return new Packed(Take(logParams), Take(logTokens), Take(logLoss), Take(weights));
    }
}
