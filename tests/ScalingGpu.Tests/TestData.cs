using ScalingGpu.Data;

namespace ScalingGpu.Tests;

/// <summary>The shipped data sets with the column mappings their provenance headers describe.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string PathOf(string file) => Path.Combine(RepoRoot, "configs", "data", file);

    /// <summary>Llama 3 IsoFLOP points: C = budget label, D = tokens, N = C/(6D).</summary>
    public static RunTable Llama3() => RunTableReader.Read(PathOf("llama3_isoflops.csv"),
        new ColumnMap(Params: "N", Tokens: "training_tokens", Compute: "compute_budget", Loss: "validation_loss", Budget: "compute_budget"));

    /// <summary>Epoch's Chinchilla extraction, N = "Model Size", C = "Training FLOP", D = C/(6N).</summary>
    public static RunTable Chinchilla(int dropTopLoss = 5) => RunTableReader.Read(PathOf("chinchilla_epoch.csv"),
        new ColumnMap(Params: "Model Size", Tokens: "D", Compute: "Training FLOP"), dropTopLoss);

    /// <summary>CS336 synthetic IsoFLOP curves.</summary>
    public static RunTable Cs336() => RunTableReader.Read(PathOf("cs336_isoflops_synthetic.csv"), new ColumnMap());

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ScalingGpu.sln"))) return dir.FullName;
        throw new InvalidOperationException("ScalingGpu.sln not found above the test binaries.");
    }
}
