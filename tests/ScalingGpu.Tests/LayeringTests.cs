using System.Text.RegularExpressions;

namespace ScalingGpu.Tests;

/// <summary>
/// The core library's folders depend one way only (docs/architecture.md): every source file may import its own folder
/// and the folders below it, never one above.
/// </summary>
public sealed partial class LayeringTests
{
    static readonly string[] Layers = ["Models", "Data", "Compute", "Fitting", "Bootstrap", "Predictions", "Simulation", "Output", "Sweeps"];

    [GeneratedRegex(@"\bScalingGpu\.(Models|Data|Compute|Fitting|Bootstrap|Predictions|Simulation|Output|Sweeps|Plots|Cli)\b")]
    private static partial Regex Reference();

    [Fact]
    public void NoFolderImportsAFolderAboveIt()
    {
        string core = Path.Combine(TestData.RepoRoot, "src", "ScalingGpu");
        var violations = new List<string>();
        int files = 0;
        foreach (string layer in Layers)
            foreach (string file in Directory.GetFiles(Path.Combine(core, layer), "*.cs"))
            {
                files++;
                int level = Array.IndexOf(Layers, layer);
                foreach (Match m in Reference().Matches(File.ReadAllText(file)))
                {
                    string target = m.Groups[1].Value;
                    int targetLevel = Array.IndexOf(Layers, target);
                    if (targetLevel < 0 || targetLevel > level) violations.Add($"{layer}/{Path.GetFileName(file)} uses {target}");
                }
            }
        Assert.True(files > 40, $"only {files} files read");
        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }

    [Fact]
    public void EveryCoreFolder_IsALayer() =>
        Assert.Equal(Layers.Order(), Directory.GetDirectories(Path.Combine(TestData.RepoRoot, "src", "ScalingGpu"))
            .Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Order());
}
