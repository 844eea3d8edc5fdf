using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>A reported quantity (DESIGN.md §4 names), with the budget for allocation quantities.</summary>
public sealed record Quantity(string Name, double? Compute = null)
{
    /// <summary>Parameters and derived exponents of a surface fit.</summary>
    public static readonly string[] SurfaceNames = ["E", "A", "B", "alpha", "beta", "n_opt_exponent", "d_opt_exponent", "G"];

    /// <summary>Every quantity of <paramref name="method"/> at <paramref name="targets"/>, in output order.</summary>
    public static IReadOnlyList<Quantity> For(FitMethod method, IReadOnlyList<double> targets)
    {
        var list = new List<Quantity>();
        if (method == FitMethod.Approach2) list.AddRange([new("n_opt_exponent"), new("d_opt_exponent")]);
        else list.AddRange(SurfaceNames.Select(n => new Quantity(n)));
        foreach (double c in targets)
        {
            list.Add(new("N_opt", c));
            list.Add(new("D_opt", c));
            if (method != FitMethod.Approach2) list.Add(new("L_opt", c));
            list.Add(new("D_over_N", c));
        }
        return list;
    }

    /// <summary>
    /// The quantities a CI sweep reports for <paramref name="method"/>: E, A, B, α, β and the allocation exponents of a
    /// surface (only the exponents for Approach 2), and N*, D* (L* for surfaces) at every target budget.
    /// </summary>
    public static IReadOnlyList<Quantity> ForSweep(FitMethod method, IReadOnlyList<double> targets) =>
        For(method, targets).Where(q => q.Name is not ("G" or "D_over_N")).ToList();

    /// <summary>The value of this quantity for a surface fit (NaN when the fit failed or is undefined).</summary>
    public double Of(SurfaceFit fit) => fit.Status == FitStatus.Failed ? double.NaN : Of(fit.Surface);

    /// <summary>The value of this quantity on a surface in closed form (the truth of a simulated data set).</summary>
    public double Of(LossSurface s) => Name switch
    {
        "E" => s.E, "A" => s.A, "B" => s.B, "alpha" => s.Alpha, "beta" => s.Beta,
        "n_opt_exponent" => s.ParamsExponent, "d_opt_exponent" => s.TokensExponent, "G" => s.G,
        _ => Of(Allocation.Of(FitMethod.Vpnls, s, Compute!.Value)),
    };

    /// <summary>The value of this quantity for an Approach 2 fit.</summary>
    public double Of(Approach2Fit fit) =>
        fit.Status == FitStatus.Failed ? double.NaN
        : Name switch { "n_opt_exponent" => fit.A, "d_opt_exponent" => fit.B, _ => Of(Allocation.Of(fit, Compute!.Value)) };

    double Of(Allocation a) => Name switch
    {
        "N_opt" => a.OptimalParams,
        "D_opt" => a.OptimalTokens,
        "L_opt" => a.OptimalLoss,
        "D_over_N" => a.OptimalTokens / a.OptimalParams,
        _ => throw new InvalidOperationException($"Unknown quantity {Name}."),
    };
}
