namespace ScalingGpu.Models;

/// <summary>The reference surfaces of DESIGN.md §1, by name.</summary>
internal static class NamedSurfaces
{
    public static LossSurface Symmetric { get; } = new(1.69, 400, 400, 0.31, 0.31);
    public static LossSurface Chinchilla { get; } = new(1.69, 406.4, 410.7, 0.34, 0.28);
    public static LossSurface Asymmetric { get; } = new(1.69, 406.4, 410.7, 0.465, 0.155);
    public static LossSurface Soda { get; } = new(3.169, 215886, 4750, 0.684, 0.439);
    public static LossSurface SparseNmm { get; } = new(2.158, 381773, 4659, 0.710, 0.372);
    public static LossSurface Llama3 { get; } = new(0.604670, 59.1411, 155.1142, 0.310006, 0.313643);

    /// <summary>All named surfaces keyed by their configuration name.</summary>
    public static IReadOnlyDictionary<string, LossSurface> All { get; } = new Dictionary<string, LossSurface>(StringComparer.OrdinalIgnoreCase)
    {
        ["symmetric"] = Symmetric, ["chinchilla"] = Chinchilla, ["asymmetric"] = Asymmetric,
        ["soda"] = Soda, ["sparse_nmm"] = SparseNmm, ["llama3"] = Llama3,
    };
}
