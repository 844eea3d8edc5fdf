namespace ScalingGpu.Fitting;

/// <summary>A fitting method.</summary>
public enum FitMethod { Vpnls, Approach2, Approach3 }

/// <summary>How a fit ended (snake_case in JSON and Parquet: converged, bound_hit, failed).</summary>
public enum FitStatus { Converged, BoundHit, Failed }

/// <summary>Loss function of a surface fit.</summary>
public enum FitObjective { Mse, Huber }

/// <summary>Scale on which residuals are taken.</summary>
public enum LossSpace { Raw, Log }

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
