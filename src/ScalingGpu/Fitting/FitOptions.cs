using ScalingGpu.Data;
using ScalingGpu.Models;

namespace ScalingGpu.Fitting;

/// <summary>Everything a fit needs besides the data, the bootstrap and the device.</summary>
public sealed record FitOptions
{
    /// <summary>Methods to run, in output order.</summary>
    public IReadOnlyList<FitMethod> Methods { get; init; } = [FitMethod.Vpnls];
    /// <summary>VPNLS options.</summary>
    public VarProOptions VarPro { get; init; } = VarProOptions.Default;
    /// <summary>Approach 3 options.</summary>
    public Approach3Options Approach3 { get; init; } = Approach3Options.Default;
    /// <summary>Budgets (FLOPs) at which allocations are reported; default 1e22, 1e24 and 3.8e25 (Llama 3 405B's budget).</summary>
    public IReadOnlyList<double> TargetCompute { get; init; } = [1e22, 1e24, 3.8e25];
    /// <summary>Also evaluate the VPNLS objective on a coarse grid for a heatmap (<see cref="FitReport.Heatmap"/>).</summary>
    public bool Heatmap { get; init; }

    /// <summary>Checks every option (for <c>FitRequest.Validate</c>, the one place that does).</summary>
    /// <exception cref="InputDataException">An option is invalid; the message names it.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Methods);
        ArgumentNullException.ThrowIfNull(VarPro);
        ArgumentNullException.ThrowIfNull(Approach3);
        ArgumentNullException.ThrowIfNull(TargetCompute);
        if (Methods.Count == 0) throw new InputDataException("--method: choose at least one method.");
        foreach (FitMethod method in Methods) EnumCheck.Defined(method, "--method");
        foreach (var twice in Methods.GroupBy(m => m).Where(g => g.Count() > 1))
            throw new InputDataException($"--method: {twice.Key.Name()} is given {twice.Count()} times; give each method once.");
        if (Methods.Contains(FitMethod.Vpnls)) VarPro.Validate();
        if (Methods.Contains(FitMethod.Approach3)) Approach3.Validate();
        foreach (double c in TargetCompute)
            if (!(c >= 1) || !double.IsFinite(c)) throw new InputDataException($"--target-compute must be finite and ≥ 1 FLOP; got {c}.");
        // Each budget names columns (N_opt_1e24), so two budgets must differ in their label's 4 significant digits.
        foreach (var same in TargetCompute.GroupBy(ComputeModel.BudgetLabel).Where(g => g.Count() > 1))
            throw new InputDataException($"--target-compute: {string.Join(" and ", same.Select(c => c.ToString("0.#########e0", System.Globalization.CultureInfo.InvariantCulture)))} are one budget to 4 significant digits ({same.Key}); give each budget once.");
    }
}
