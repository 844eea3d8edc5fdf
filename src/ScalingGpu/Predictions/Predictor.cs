using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Predictions;

/// <summary>One method's prediction at one row of a <c>--predict</c> file.</summary>
/// <param name="Params">N: the row's, or the method's N*(C) for a compute-optimal row (parameters).</param>
/// <param name="Tokens">D: the row's, or the method's D*(C) (tokens).</param>
/// <param name="Compute">The row's C, FLOPs (see <see cref="PredictionPoints.Compute"/>).</param>
internal sealed record Prediction(FitMethod Method, string Row, PredictionTarget Target, double Params, double Tokens, double Compute, PredictedLoss Loss);

/// <summary>Predicted losses of every surface method (VPNLS, Approach 3) at the rows of a <c>--predict</c> file.</summary>
internal static class Predictor
{
    /// <summary>
    /// For each surface method of <paramref name="report"/> and each row: L(N, D) of a point row, or L*(C) at the method's
    /// own (N*(C), D*(C)) of a compute-optimal row; with the bootstrap's confidence and prediction intervals
    /// (<see cref="LossIntervals.Estimate"/>). Approach 2 has no loss surface and predicts nothing.
    /// </summary>
    public static IReadOnlyList<Prediction> Predict(PredictionPoints points, FitReport report)
    {
        var result = new List<Prediction>();
        foreach (SurfaceFit fit in report.Surfaces)
        {
            PredictedLoss[] loss = LossIntervals.Estimate(fit.Method, report, points.Count, (s, j) =>
                points.Target == PredictionTarget.Point ? s.Loss(points.Params[j], points.Tokens[j])
                : s.HasAllocation ? s.OptimalLoss(points.Compute[j]) : double.NaN);
            for (int j = 0; j < points.Count; j++)
            {
                Allocation? optimal = points.Target == PredictionTarget.ComputeOptimal && fit.Status != FitStatus.Failed ? Allocation.Of(fit, points.Compute[j]) : null;
                double n = optimal?.OptimalParams ?? points.Params[j], d = optimal?.OptimalTokens ?? points.Tokens[j];
                result.Add(new Prediction(fit.Method, points.Rows[j], points.Target, n, d, points.Compute[j], loss[j]));
            }
        }
        return result;
    }
}
