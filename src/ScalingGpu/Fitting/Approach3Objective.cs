using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>
/// Epoch AI's Approach 3 objective over θ = (a, b, e, α, β): prediction LSE(a − α·ln N, b − β·ln D, e) of log L,
/// summed Huber_δ (or squared) residuals, with the analytic gradient through the softmax weights of the LSE.
/// </summary>
internal sealed partial class Approach3Objective(double[] logParams, double[] logTokens, double[] logLoss, double[] weights, bool huber, double delta)
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
            // The largest term's exp(0) is exactly 1: skipping it saves a third of the exponentials, bit for bit.
            double p1 = u1 == m ? 1 : Math.Exp(u1 - m), p2 = u2 == m ? 1 : Math.Exp(u2 - m), p3 = e == m ? 1 : Math.Exp(e - m);
            double sum = p1 + p2 + p3;
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

    /// <summary>Σ r² in log space at θ (the RSS reported beside a Huber objective).</summary>
    public double Rss(ReadOnlySpan<double> theta) =>
        new Approach3Objective(logParams, logTokens, logLoss, weights, false, 0).Evaluate(theta, Span<double>.Empty);
}
