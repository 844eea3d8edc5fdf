using ScalingGpu.Compute;
using ScalingGpu.Kernels;

namespace ScalingGpu.Fitting;

/// <summary>
/// The VPNLS profile F(α, β) = min over E, A, B ≥ 0 of the objective, and its envelope gradient
/// ∂F/∂α = Σ w·ρ'(r)·∂r/∂α with ∂r/∂α = A_s·x1·ln(N/N_ref) (divided by μ in log space); likewise for β.
/// </summary>
internal sealed class ProfileObjective(PointTables tables, double[] weights, CellObjectiveSpec spec)
{
    // The powers at the latest (α, β): one objective serves one minimisation at a time.
    readonly double[] x1 = new double[tables.Count], x2 = new double[tables.Count];

    /// <summary>Best coefficients at (α, β).</summary>
    public CellResult Solve(double alpha, double beta)
    {
        PointTables.PowerRow(alpha, tables.LogParams, x1);
        PointTables.PowerRow(beta, tables.LogTokens, x2);
        return CellObjective.Evaluate(new ArrayCellPoints(x1, 0, x2, 0, tables.Y, 0, weights, 0, tables.Count), spec);
    }

    /// <summary>F and ∇F at x = (α, β).</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CellResult cell = Solve(x[0], x[1]);
        if (!cell.Valid) return double.NaN;
        double gAlpha = 0, gBeta = 0;
        for (int i = 0; i < tables.Count; i++)
        {
            double w = weights[i];
            if (w == 0) continue;
            double mu = Residuals.Predict(cell.E, cell.A, cell.B, x1[i], x2[i]);
            double r = Residuals.Residual(tables.Y[i], mu, spec.LogSpace);
            double slope = w * Residuals.LossDerivative(r, spec.Huber, spec.Delta) / (spec.LogSpace ? mu : 1);
            gAlpha += slope * cell.A * x1[i] * tables.LogParams[i];
            gBeta += slope * cell.B * x2[i] * tables.LogTokens[i];
        }
        gradient[0] = gAlpha;
        gradient[1] = gBeta;
        return cell.Objective;
    }
}
