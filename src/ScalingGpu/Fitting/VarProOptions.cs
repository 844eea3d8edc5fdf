using System.Globalization;
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

    /// <summary>
    /// The largest grid a fit evaluates: 1e10 cells (step 1e-5 on the default ranges: ~70 s on 2 cores), 100× the finest
    /// benchmark grid (0.0001, 96 M cells, 5 s). Finer steps only grew the per-axis power tables past memory (step 1e-9:
    /// killed at 24 GB) or overflowed their size, for no change in the refined fit.
    /// </summary>
    public const double MaxGridCells = 1e10;

    /// <summary>The most values one axis may have (a narrow other range would let it pass the cell cap): its power table holds values × runs.</summary>
    public const double MaxAxisValues = 1e6;

    const string Limits = "this tool evaluates at most 1e10 cells (about a minute per grid on 2 cores) and 1e6 values per axis, and refinement makes " +
                          "steps below 0.001 change nothing (0.0001 equals 0.001 to 1e-13): use a larger step (≥ 1e-5 on the default ranges), or narrow --alpha-range/--beta-range.";

    /// <summary>The grid is within <see cref="MaxGridCells"/> and <see cref="MaxAxisValues"/> (the CLI and the sweep reader both refuse it otherwise).</summary>
    internal bool GridFits => AlphaAxis.Count * BetaAxis.Count <= MaxGridCells && Math.Max(AlphaAxis.Count, BetaAxis.Count) <= MaxAxisValues;

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
        EnumCheck.Defined(Objective, "--objective");
        EnumCheck.Defined(Space, "--space");
        if (!(GridStep > 0) || !double.IsFinite(GridStep))
            throw new InputDataException($"--grid-step must be > 0; got {GridStep}.");
        CheckRange("--alpha-range", AlphaLo, AlphaHi);
        CheckRange("--beta-range", BetaLo, BetaHi);
        if (!GridFits)
            throw new InputDataException(string.Create(CultureInfo.InvariantCulture,
                $"--grid-step {GridStep:0.###e0} gives {AlphaAxis.Count * BetaAxis.Count:0.#e0} (α, β) cells, {Math.Max(AlphaAxis.Count, BetaAxis.Count):0.#e0} on the longer axis; {Limits}"));
        if (Objective == FitObjective.Huber && !(Delta > 0))
            throw new InputDataException($"--delta must be > 0; got {Delta}.");
    }

    static void CheckRange(string option, double lo, double hi)
    {
        if (!(lo > 0) || !(hi > lo) || !double.IsFinite(hi))
            throw new InputDataException($"{option} must be LO:HI with 0 < LO < HI; got {lo}:{hi}.");
    }
}
