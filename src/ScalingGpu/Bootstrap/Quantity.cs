using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Bootstrap;

/// <summary>A reported quantity (DESIGN.md §4 names), with the budget for allocation quantities.</summary>
/// <param name="Kind">Which quantity.</param>
/// <param name="Compute">Budget (FLOPs) of N_opt, D_opt, L_opt and D_over_N; null for the others.</param>
public sealed record Quantity(QuantityKind Kind, double? Compute = null)
{
    /// <summary>Parameters and derived exponents of a surface fit, in output order.</summary>
    static readonly QuantityKind[] SurfaceKinds =
    [
        QuantityKind.E, QuantityKind.A, QuantityKind.B, QuantityKind.Alpha, QuantityKind.Beta,
        QuantityKind.NOptExponent, QuantityKind.DOptExponent, QuantityKind.G,
    ];

    /// <summary>The output name (see <see cref="QuantityNames"/>).</summary>
    public string Name => Kind.Name();

    /// <summary>Every quantity of <paramref name="method"/> at <paramref name="targets"/>, in output order.</summary>
    public static IReadOnlyList<Quantity> For(FitMethod method, IReadOnlyList<double> targets)
    {
        var list = new List<Quantity>();
        if (method == FitMethod.Approach2) list.AddRange([new(QuantityKind.NOptExponent), new(QuantityKind.DOptExponent)]);
        else list.AddRange(SurfaceKinds.Select(k => new Quantity(k)));
        foreach (double c in targets)
            foreach (QuantityKind k in QuantityNames.Allocations)
                if (k != QuantityKind.LOpt || method != FitMethod.Approach2) list.Add(new(k, c));
        return list;
    }

    /// <summary>
    /// The quantities a CI sweep reports for <paramref name="method"/>: E, A, B, α, β and the allocation exponents of a
    /// surface (only the exponents for Approach 2), and N*, D* (L* for surfaces) at every target budget.
    /// </summary>
    internal static IReadOnlyList<Quantity> ForSweep(FitMethod method, IReadOnlyList<double> targets) =>
        For(method, targets).Where(q => q.Kind is not (QuantityKind.G or QuantityKind.DOverN)).ToList();

    /// <summary>The value of this quantity for a surface fit (NaN when the fit failed or is undefined).</summary>
    public double Of(SurfaceFit fit) => fit.Status == FitStatus.Failed ? double.NaN : Of(fit.Surface);

    /// <summary>The value of this quantity on a surface in closed form (the truth of a simulated data set).</summary>
    public double Of(LossSurface s) => Kind switch
    {
        QuantityKind.E => s.E, QuantityKind.A => s.A, QuantityKind.B => s.B, QuantityKind.Alpha => s.Alpha, QuantityKind.Beta => s.Beta,
        QuantityKind.NOptExponent => s.ParamsExponent, QuantityKind.DOptExponent => s.TokensExponent, QuantityKind.G => s.G,
        _ => Of(Allocation.Of(FitMethod.Vpnls, s, Compute!.Value)),
    };

    /// <summary>The value of this quantity for an Approach 2 fit.</summary>
    public double Of(Approach2Fit fit) =>
        fit.Status == FitStatus.Failed ? double.NaN
        : Kind switch { QuantityKind.NOptExponent => fit.A, QuantityKind.DOptExponent => fit.B, _ => Of(Allocation.Of(fit, Compute!.Value)) };

    double Of(Allocation a) => Kind switch
    {
        QuantityKind.NOpt => a.OptimalParams,
        QuantityKind.DOpt => a.OptimalTokens,
        QuantityKind.LOpt => a.OptimalLoss,
        QuantityKind.DOverN => a.OptimalTokens / a.OptimalParams,
        _ => throw new InvalidOperationException($"{Name} is not a quantity of an allocation."),
    };
}
