using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>One method's fits of a batch of weight rows (bootstrap resamples or jackknife rows).</summary>
public sealed class MethodFits
{
    /// <summary>The method.</summary>
    public required FitMethod Method { get; init; }
    /// <summary>Surface fits (VPNLS, Approach 3), else null.</summary>
    public SurfaceFit[]? Surfaces { get; init; }
    /// <summary>Approach 2 fits, else null.</summary>
    public Approach2Fit[]? Approach2 { get; init; }

    /// <summary>Number of rows fitted.</summary>
    public int Count => Surfaces?.Length ?? Approach2!.Length;

    /// <summary>Status of row i.</summary>
    public FitStatus Status(int i) => Surfaces?[i].Status ?? Approach2![i].Status;

    /// <summary>A quantity of row i (NaN when failed).</summary>
    public double Value(Quantity quantity, int i) => Surfaces is not null ? quantity.Of(Surfaces[i]) : quantity.Of(Approach2![i]);

    /// <summary>The plan (N̂, D̂) of row i at budget C (NaN when failed).</summary>
    public (double Params, double Tokens) Plan(int i, double compute)
    {
        if (Status(i) == FitStatus.Failed) return (double.NaN, double.NaN);
        Allocation a = Surfaces is not null ? Allocation.Of(Surfaces[i], compute) : Allocation.Of(Approach2![i], compute);
        return (a.OptimalParams, a.OptimalTokens);
    }

    /// <summary>
    /// Fits every row of <paramref name="weights"/> [rows × runs] with the full method: the whole grid + refinement
    /// for VPNLS (batched), Approach 3 from the best <paramref name="approach3Starts"/> starts plus
    /// <paramref name="approach3Seed"/>, Approach 2 per row (in parallel). <paramref name="wholeCurves"/>: the rows draw whole budget
    /// curves (<see cref="ResampleUnit.Budgets"/>; see <see cref="Fitting.Approach2.Fit(RunTable, double[], bool)"/>).
    /// </summary>
    internal static MethodFits Fit(FitMethod method, RunTable runs, double[] weights, int rows, FitOptions options,
                                 int approach3Starts, SurfaceFit? approach3Seed, bool wholeCurves, IComputeDevice device)
    {
        int n = runs.Count;
        double[] Row(int r) => weights.AsSpan(r * n, n).ToArray();
        switch (method)
        {
            case FitMethod.Vpnls:
                return new MethodFits { Method = method, Surfaces = VarPro.FitWeighted(runs, weights, rows, options.VarPro, device) };
            case FitMethod.Approach3:
                double[]? seed = approach3Seed is { Status: not FitStatus.Failed, Surface: var s }
                    ? [Math.Log(s.A), Math.Log(s.B), Math.Log(s.E), s.Alpha, s.Beta] : null;
                var a3Options = options.Approach3 with { Starts = approach3Starts };
                var surfaces = new SurfaceFit[rows];
                for (int r = 0; r < rows; r++) surfaces[r] = Fitting.Approach3.Fit(runs, Row(r), a3Options, seed);   // parallel inside
                return new MethodFits { Method = method, Surfaces = surfaces };
            default:
                var a2 = new Approach2Fit[rows];
                Parallel.For(0, rows, r => a2[r] = Fitting.Approach2.Fit(runs, Row(r), wholeCurves));
                return new MethodFits { Method = method, Approach2 = a2 };
        }
    }
}
