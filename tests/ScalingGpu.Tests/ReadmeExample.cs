using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Tests;

/// <summary>The library example of README.md, verbatim between the markers; <see cref="ReadmeExampleTests"/> keeps the two equal.</summary>
internal static class ReadmeExample
{
    public static void Run(string dataDirectory, TextWriter output)
    {
        // README-EXAMPLE-BEGIN
        var columns = new ColumnMap(Tokens: "training_tokens", Compute: "compute_budget", Loss: "validation_loss", Budget: "compute_budget");
        RunTable runs = RunTableReader.Read(Path.Combine(dataDirectory, "llama3_isoflops.csv"), columns);
        using IComputeDevice device = DeviceSelector.Select(DeviceKind.Auto, skipped: []);

        var options = new FitOptions { Methods = [FitMethod.Vpnls, FitMethod.Approach2], TargetCompute = [1e24] };
        FitReport report = Fitter.Fit(runs, options, device, new BootstrapOptions { Resamples = 100, Seed = 1 });

        SurfaceFit vpnls = report.Surfaces.Single(s => s.Method == FitMethod.Vpnls);
        output.WriteLine($"L(N, D) = {vpnls.Surface.E:F4} + {vpnls.Surface.A:F1}/N^{vpnls.Surface.Alpha:F4} + {vpnls.Surface.B:F1}/D^{vpnls.Surface.Beta:F4} ({vpnls.Status})");
        output.WriteLine($"Approach 2: N* = 10^{report.Approach2!.A0:F3} * C^{report.Approach2.A:F4}");
        foreach (IntervalEstimate i in report.Bootstrap!.Intervals.Where(i => i.Quantity.Kind is QuantityKind.Alpha or QuantityKind.NOpt))
            output.WriteLine($"{i.Method} {i.Quantity.Name} {i.Estimate:G4} [{i.Lo:G4}, {i.Hi:G4}] ({i.Level:P0} {i.Kind})");
        // README-EXAMPLE-END
    }
}

public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeLibraryExample_IsThisCode_AndRuns()
    {
        string source = File.ReadAllText(Path.Combine(TestData.RepoRoot, "tests", "ScalingGpu.Tests", "ReadmeExample.cs"));
        string readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "README.md"));
        Assert.Contains(Normalise(Between(source, "// README-EXAMPLE-BEGIN", "// README-EXAMPLE-END")), Normalise(readme));

        var output = new StringWriter();
        ReadmeExample.Run(Path.Combine(TestData.RepoRoot, "configs", "data"), output);
        string text = output.ToString();
        Assert.Contains("/N^0.3100", text);           // the published VPNLS fit
        Assert.Contains("C^0.4632", text);             // the published Approach 2 law
        Assert.Contains("Vpnls alpha 0.31 [", text);
    }

    static string Between(string text, string begin, string end)
    {
        int start = text.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        return text[start..text.IndexOf(end, start, StringComparison.Ordinal)];
    }

    // Compare code ignoring indentation.
    static string Normalise(string code) =>
        string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("```")));
}
