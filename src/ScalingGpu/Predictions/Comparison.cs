using ScalingGpu.Bootstrap;
using ScalingGpu.Fitting;

namespace ScalingGpu.Predictions;

/// <summary>Where one surface method's frontiers L*_A(C) and L*_B(C) cross.</summary>
/// <param name="Compute">The lowest C in the search range where L*_A(C) = L*_B(C), FLOPs; NaN when they do not cross there.</param>
/// <param name="ALowerBelow">Whether A's frontier is the lower one at the bottom of the search range (so B wins above the crossover);
/// null when the two full-data frontiers are equal there or either is undefined.</param>
/// <param name="Lo">Lower interval bound of the crossover over the resamples that cross (FLOPs; NaN without a bootstrap).</param>
/// <param name="Resamples">Resamples whose frontiers cross in the range (used for the interval).</param>
/// <param name="ResamplesNoCrossover">Resamples whose frontiers do not cross in the range (counted, not in the interval).</param>
/// <param name="ResamplesFailed">Resamples where either fit failed or has no allocation.</param>
internal sealed record Crossover(FitMethod Method, double Compute, bool? ALowerBelow, double Lo, double Hi, double Level, IntervalKind? Kind,
                               int Resamples, int ResamplesNoCrossover, int ResamplesFailed);

/// <summary>Both frontiers of one method at a target budget.</summary>
/// <param name="LossA">L*_A(C) of A's full-data fit (loss units).</param>
/// <param name="ShareALower">Share of resamples in which L*_A(C) &lt; L*_B(C), a tie counting one half (NaN without a bootstrap).</param>
/// <param name="Resamples">Resamples where both fits give a frontier at C.</param>
internal sealed record FrontierTarget(FitMethod Method, double Compute, double LossA, double LossB, double ShareALower, int Resamples);

/// <summary>One point of a data set's frontier with its bootstrap confidence band (NaN bounds without a bootstrap).</summary>
/// <param name="DataSet">"a" or "b".</param>
internal sealed record FrontierPoint(string DataSet, FitMethod Method, double Compute, double Loss, double Lo, double Hi);

/// <summary>The result of <c>compare A B</c>.</summary>
/// <param name="SearchLo">Bottom of the crossover search: the smallest budget in either data set (FLOPs).</param>
/// <param name="SearchHi">Top of the search: 1e28 FLOPs, or a decade above the largest target or two above the largest budget.</param>
internal sealed record Comparison(FitReport A, FitReport B, double SearchLo, double SearchHi, IReadOnlyList<Crossover> Crossovers,
                                IReadOnlyList<FrontierTarget> Targets, IReadOnlyList<FrontierPoint> Frontiers);
