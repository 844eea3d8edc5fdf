using ScalingGpu.Data;

namespace ScalingGpu.Fitting;

/// <summary>A fitting method.</summary>
public enum FitMethod
{
    /// <summary>Variable Projection: exhaustive (α, β) grid with exact non-negative (E, A, B), then L-BFGS refinement.</summary>
    Vpnls,
    /// <summary>Chinchilla Approach 2: a parabola per IsoFLOP budget, then power laws through their minima.</summary>
    Approach2,
    /// <summary>Chinchilla Approach 3 as coded by Epoch AI: L-BFGS on log loss from a grid of starts.</summary>
    Approach3,
}

/// <summary>How a fit ended (snake_case in JSON and Parquet: converged, bound_hit, failed).</summary>
public enum FitStatus
{
    /// <summary>The optimiser stopped at its tolerances inside the bounds.</summary>
    Converged,
    /// <summary>An exponent on its range edge, or a coefficient held at 0 by the non-negativity constraint.</summary>
    BoundHit,
    /// <summary>No result (the reason says why).</summary>
    Failed,
}

/// <summary>Loss function of a surface fit.</summary>
public enum FitObjective
{
    /// <summary>Σ r² (not divided by n).</summary>
    Mse,
    /// <summary>Σ Huber_δ(r).</summary>
    Huber,
}

/// <summary>Scale on which residuals are taken.</summary>
public enum LossSpace
{
    /// <summary>Residuals of the loss.</summary>
    Raw,
    /// <summary>Residuals of the log loss.</summary>
    Log,
}

/// <summary>
/// Snake-case names used in every output, and the one map per user-facing enum (method, objective, loss space) whose
/// parser the CLI and the YAML share.
/// </summary>
public static class FitNames
{
    /// <summary>vpnls, approach2, approach3: <c>--method</c>, <c>--dcl-plan</c>, the YAML <c>methods</c>, every output.</summary>
    internal static NameMap<FitMethod> Methods { get; } = new("vpnls", "approach2", "approach3");
    /// <summary>mse, huber: <c>--objective</c>, <c>--a3-loss</c>, the YAML <c>objective</c> and <c>loss</c>.</summary>
    internal static NameMap<FitObjective> Objectives { get; } = new("mse", "huber");
    /// <summary>raw, log: <c>--space</c>, the YAML <c>space</c>.</summary>
    internal static NameMap<LossSpace> Spaces { get; } = new("raw", "log");

    /// <summary>converged / bound_hit / failed.</summary>
    public static string Name(this FitStatus status) => status switch
    {
        FitStatus.Converged => "converged",
        FitStatus.BoundHit => "bound_hit",
        _ => "failed",
    };

    /// <summary>vpnls / approach2 / approach3.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public static string Name(this FitMethod method) => Methods.Name(method);

    /// <summary>mse / huber.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="objective"/> is not a defined value.</exception>
    public static string Name(this FitObjective objective) => Objectives.Name(objective);

    /// <summary>raw / log.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="space"/> is not a defined value.</exception>
    public static string Name(this LossSpace space) => Spaces.Name(space);

    /// <summary>The method called <paramref name="name"/> (vpnls, approach2, approach3), or false: the one parser of
    /// the CLI and the YAML, which reject unknown names rather than fall back.</summary>
    public static bool TryParseMethod(string name, out FitMethod method) => Methods.TryParse(name, out method);
}
