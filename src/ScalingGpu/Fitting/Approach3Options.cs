using ScalingGpu.Data;

namespace ScalingGpu.Fitting;

/// <summary>Options of Approach 3, separate from VPNLS's (DESIGN.md §1).</summary>
public sealed record Approach3Options
{
    /// <summary>Huber (default, Epoch's recipe) or squared error on log loss (the paper's "LSE + log loss" variant).</summary>
    public FitObjective Loss { get; init; } = FitObjective.Huber;
    /// <summary>Huber δ in log-loss units.</summary>
    public double Delta { get; init; } = 1e-3;
    /// <summary>Run L-BFGS from the best this-many of the 4,500 grid starts; null = all of them.</summary>
    public int? Starts { get; init; }

    /// <summary>The defaults for a single fit (all starts).</summary>
    public static Approach3Options Default { get; } = new();

    /// <summary>Checks δ and the start count (through <see cref="FitOptions.Validate"/>).</summary>
    /// <exception cref="InputDataException">δ ≤ 0 or starts ≤ 0 (a count above the grid's 4,500 means all of them).</exception>
    internal void Validate()
    {
        EnumCheck.Defined(Loss, "--a3-loss");
        if (Loss == FitObjective.Huber && !(Delta > 0)) throw new InputDataException($"--a3-delta must be > 0; got {Delta}.");
        if (Starts is <= 0) throw new InputDataException($"--a3-starts must be a positive count or 'all'; got {Starts}.");
    }
}
