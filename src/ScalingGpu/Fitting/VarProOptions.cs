using ScalingGpu.Data;

namespace ScalingGpu.Fitting;

/// <summary>Options of a VPNLS fit (DESIGN.md §1). Defaults: 0.001 grid on [0.01, 0.99]², MSE on raw loss, refinement on.</summary>
public sealed record VarProOptions
{
    /// <summary>Bounds of α for the grid and the refinement.</summary>
    public double AlphaLo { get; init; } = 0.01;
    /// <inheritdoc cref="AlphaLo"/>
    public double AlphaHi { get; init; } = 0.99;
    /// <summary>Bounds of β for the grid and the refinement.</summary>
    public double BetaLo { get; init; } = 0.01;
    /// <inheritdoc cref="BetaLo"/>
    public double BetaHi { get; init; } = 0.99;
    /// <summary>Grid step for α and β.</summary>
    public double GridStep { get; init; } = 0.001;
    /// <summary>Loss function.</summary>
    public FitObjective Objective { get; init; } = FitObjective.Mse;
    /// <summary>Huber threshold δ on the fit scale.</summary>
    public double Delta { get; init; } = 1e-3;
    /// <summary>Raw or log loss residuals.</summary>
    public LossSpace Space { get; init; } = LossSpace.Raw;
    /// <summary>Run the bounded L-BFGS refinement after the grid.</summary>
    public bool Refine { get; init; } = true;

    /// <summary>The default options.</summary>
    public static VarProOptions Default { get; } = new();

    /// <summary>The α grid.</summary>
    internal GridAxis AlphaAxis => new(AlphaLo, AlphaHi, GridStep);
    /// <summary>The β grid.</summary>
    internal GridAxis BetaAxis => new(BetaLo, BetaHi, GridStep);

    /// <summary>Checks ranges and values (through <see cref="FitOptions.Validate"/>).</summary>
    /// <exception cref="InputDataException">A value is out of range; the message names the option.</exception>
    internal void Validate()
    {
        if (!(GridStep > 0) || !double.IsFinite(GridStep))
            throw new InputDataException($"--grid-step must be > 0; got {GridStep}.");
        CheckRange("--alpha-range", AlphaLo, AlphaHi);
        CheckRange("--beta-range", BetaLo, BetaHi);
        if (Objective == FitObjective.Huber && !(Delta > 0))
            throw new InputDataException($"--delta must be > 0; got {Delta}.");
    }

    static void CheckRange(string option, double lo, double hi)
    {
        if (!(lo > 0) || !(hi > lo) || !double.IsFinite(hi))
            throw new InputDataException($"{option} must be LO:HI with 0 < LO < HI; got {lo}:{hi}.");
    }
}
