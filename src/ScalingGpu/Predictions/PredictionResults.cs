namespace ScalingGpu.Predictions;

/// <summary>What <c>fit --predict</c> and <c>--holdout-above</c> add to a fit's report, for the writers and the printer.</summary>
/// <param name="Predictions">Predictions at the points of <c>--predict</c>, when requested.</param>
/// <param name="Holdout">The backtest on the held-out runs, when requested.</param>
internal sealed record PredictionResults(IReadOnlyList<Prediction>? Predictions, HoldoutReport? Holdout);
