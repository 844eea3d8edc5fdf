using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Sweeps;

/// <summary>
/// One row of the sweep data set (DESIGN.md §4): a fit of one replicate of one job by one method, at one extrapolation
/// budget. Relative errors are signed fractions; a0/b0 errors are absolute in log10 units; DCL is percent of C.
/// </summary>
internal sealed record SweepRecord(
    int Job, string Surface, double WidthFactor, double Offset, double DriftTo, double Noise, int PointsPerBudget, int Budgets,
    int Replicate, string Method, FitStatus Status, double E, double A, double B, double Alpha, double Beta,
    double SmallA, double SmallB, double A0, double B0, double ARelErr, double BRelErr, double A0Err, double B0Err,
    double ExtrapolationCompute, double NOptRelErr, double DOptRelErr, double DclPercent, double Seconds)
{
    /// <summary>The rows of one fit: one per extrapolation budget, errors against <paramref name="job"/>'s true surface.</summary>
    public static IEnumerable<SweepRecord> Of(SweepJob job, int replicate, MethodSpec method, SurfaceFit? surface, Approach2Fit? approach2,
                                              IReadOnlyList<double> extrapolateTo, double seconds)
    {
        LossSurface truth = job.Surface.Surface;
        var t = truth.PowerLaws();
        var (a, a0, b, b0) = surface is not null ? surface.Surface.PowerLaws() : (approach2!.A, approach2.A0, approach2.B, approach2.B0);
        FitStatus status = surface?.Status ?? approach2!.Status;
        LossSurface? fitted = surface?.Surface;
        foreach (double c in extrapolateTo)
        {
            Allocation plan = status == FitStatus.Failed ? new Allocation(method.Method, c, double.NaN, double.NaN, double.NaN)
                            : surface is not null ? Allocation.Of(surface, c) : Allocation.Of(approach2!, c);
            yield return new SweepRecord(job.Index, job.Surface.Name, job.Design.Width, job.Design.Offset, job.Design.DriftTo, job.Noise,
                job.Design.PointsPerBudget, job.Design.Budgets.Length, replicate, method.Label, status,
                fitted?.E ?? double.NaN, fitted?.A ?? double.NaN, fitted?.B ?? double.NaN, fitted?.Alpha ?? double.NaN, fitted?.Beta ?? double.NaN,
                a, b, a0, b0, (a - t.A) / t.A, (b - t.B) / t.B, a0 - t.A0, b0 - t.B0, c,
                plan.OptimalParams / truth.OptimalParams(c) - 1, plan.OptimalTokens / truth.OptimalTokens(c) - 1,
                DeadweightCompute.Percent(truth, c, plan.OptimalParams, plan.OptimalTokens), seconds);
        }
    }
}
