using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>
/// Epoch AI's Approach 3 objective over θ = (a, b, e, α, β): prediction LSE(a − α·ln N, b − β·ln D, e) of log L,
/// summed Huber_δ (or squared) residuals, with the analytic gradient through the softmax weights of the LSE.
/// </summary>
internal sealed class Approach3Objective(double[] logParams, double[] logTokens, double[] logLoss, double[] weights, bool huber, double delta)
{
    public const int Dimension = 5;

    /// <summary>Objective and gradient at θ.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
        double total = 0, ga = 0, gb = 0, ge = 0, gAlpha = 0, gBeta = 0;
        for (int i = 0; i < logLoss.Length; i++)
        {
            double w = weights[i];
            if (w == 0) continue;
            double u1 = a - alpha * logParams[i], u2 = b - beta * logTokens[i];
            double m = Math.Max(u1, Math.Max(u2, e));
            double p1 = Math.Exp(u1 - m), p2 = Math.Exp(u2 - m), p3 = Math.Exp(e - m), sum = p1 + p2 + p3;
            double r = m + Math.Log(sum) - logLoss[i];
            total += w * Residuals.Loss(r, huber, delta);
            double slope = w * Residuals.LossDerivative(r, huber, delta) / sum;
            ga += slope * p1; gb += slope * p2; ge += slope * p3;
            gAlpha -= slope * p1 * logParams[i];
            gBeta -= slope * p2 * logTokens[i];
        }
        if (gradient.Length > 0)
        {
            gradient[0] = ga; gradient[1] = gb; gradient[2] = ge; gradient[3] = gAlpha; gradient[4] = gBeta;
        }
        return total;
    }

    /// <summary>
    /// The objective at every start of a grid, for ranking. The LSE of (a − α ln N, b − β ln D, e) equals
    /// ln(e^e + e^a·N^−α + e^b·D^−β), and the start grid has few distinct α and β, so N^−α and D^−β come from small tables
    /// and each point costs one logarithm instead of three exponentials and a logarithm (the start grid's magnitudes,
    /// e^25·N^0 to e^0·N^−2, stay far inside double range). Equal to <see cref="Evaluate"/> to rounding.
    /// </summary>
    public double[] EvaluateStarts(double[][] starts)
    {
        var powers = new Dictionary<(int Axis, double Exponent), double[]>();
        double[] Table(int axis, double exponent)
        {
            lock (powers)
            {
                if (powers.TryGetValue((axis, exponent), out var table)) return table;
                double[] logs = axis == 0 ? logParams : logTokens;
                return powers[(axis, exponent)] = logs.Select(l => Math.Exp(-exponent * l)).ToArray();
            }
        }
        var values = new double[starts.Length];
        Parallel.For(0, starts.Length, s =>
        {
            double[] t = starts[s];
            double[] x1 = Table(0, t[3]), x2 = Table(1, t[4]);
            double a = Math.Exp(t[0]), b = Math.Exp(t[1]), e = Math.Exp(t[2]), total = 0;
            for (int i = 0; i < logLoss.Length; i++)
            {
                if (weights[i] == 0) continue;
                double r = Math.Log(e + a * x1[i] + b * x2[i]) - logLoss[i];
                total += weights[i] * Residuals.Loss(r, huber, delta);
            }
            values[s] = total;
        });
        return values;
    }

    /// <summary>Σ r² in log space at θ (the RSS reported beside a Huber objective).</summary>
    public double Rss(ReadOnlySpan<double> theta) =>
        new Approach3Objective(logParams, logTokens, logLoss, weights, false, 0).Evaluate(theta, Span<double>.Empty);
}
