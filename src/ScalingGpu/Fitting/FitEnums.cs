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

/// <summary>Snake-case names used in every output.</summary>
public static class FitNames
{
    /// <summary>converged / bound_hit / failed.</summary>
    public static string Name(this FitStatus status) => status switch
    {
        FitStatus.Converged => "converged",
        FitStatus.BoundHit => "bound_hit",
        _ => "failed",
    };

    /// <summary>vpnls / approach2 / approach3.</summary>
    public static string Name(this FitMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The method called <paramref name="name"/> (vpnls, approach2, approach3), or false: the one parser of
    /// the CLI and the YAML, which reject unknown names rather than fall back.</summary>
    public static bool TryParseMethod(string name, out FitMethod method)
    {
        foreach (FitMethod m in Enum.GetValues<FitMethod>())
            if (m.Name() == name) { method = m; return true; }
        method = default;
        return false;
    }
}
