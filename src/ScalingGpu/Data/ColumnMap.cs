namespace ScalingGpu.Data;

/// <summary>
/// Which file columns hold N (parameters), D (tokens), C (FLOPs), the final loss and an optional
/// IsoFLOP budget label. Names match case-insensitively. A missing N or D is derived from C = 6·N·D.
/// </summary>
public sealed record ColumnMap(string Params = "N", string Tokens = "D", string Compute = "C", string Loss = "loss", string? Budget = null);
