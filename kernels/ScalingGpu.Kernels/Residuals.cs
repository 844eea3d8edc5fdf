namespace ScalingGpu.Kernels;

/// <summary>The per-point formulas every path shares: prediction, residual, loss and robust weight.</summary>
public static class Residuals
{
    /// <summary>μ = E + A·x1 + B·x2 (raw-scale prediction).</summary>
    public static double Predict(double e, double a, double b, double x1, double x2) => e + a * x1 + b * x2;

    /// <summary>Residual y − prediction on the fit scale (log μ in log space).</summary>
    public static double Residual(double y, double mu, bool logSpace) => logSpace ? y - Math.Log(mu) : y - mu;

    /// <summary>Loss of one residual: r² for MSE; Huber_δ(r) = r²/2 if |r| ≤ δ, else δ·(|r| − δ/2).</summary>
    public static double Loss(double r, bool huber, double delta)
    {
        if (!huber) return r * r;
        double ar = Math.Abs(r);
        return ar <= delta ? 0.5 * r * r : delta * (ar - 0.5 * delta);
    }

    /// <summary>dLoss/dr: 2r for MSE; clamp(r, −δ, δ) for Huber.</summary>
    public static double LossDerivative(double r, bool huber, double delta)
    {
        if (!huber) return 2 * r;
        return r > delta ? delta : r < -delta ? -delta : r;
    }

    /// <summary>IRLS weight of a residual: 1 for MSE, min(1, δ/|r|) for Huber.</summary>
    public static double RobustWeight(double r, bool huber, double delta)
    {
        if (!huber) return 1;
        double ar = Math.Abs(r);
        return ar <= delta ? 1 : delta / ar;
    }
}
