using ScalingGpu.Data;

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
        if (Methods.Count == 0) throw new InputDataException("--method: choose at least one method.");
        if (Methods.Contains(FitMethod.Vpnls)) VarPro.Validate();
        if (Methods.Contains(FitMethod.Approach3)) Approach3.Validate();
        foreach (double c in TargetCompute)
            if (!(c > 0) || !double.IsFinite(c)) throw new InputDataException($"--target-compute must be finite and > 0; got {c}.");
    }
}
