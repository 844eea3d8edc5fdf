namespace ScalingGpu.Data;

/// <summary>
/// Which file columns hold N (parameters), D (tokens), C (FLOPs), the final loss and an optional
/// IsoFLOP budget label. A name matches its exact column, else the one column equal apart from case (never a guess
/// between several). A missing N or D is derived from C = 6·N·D.
/// </summary>
public sealed record ColumnMap(string Params = "N", string Tokens = "D", string Compute = "C", string Loss = "loss", string? Budget = null)
{
    /// <summary>How messages spell the options naming these columns: "--" (--loss) or "--b-" (compare's second data set).</summary>
    internal string OptionPrefix { get; init; } = "--";
}
