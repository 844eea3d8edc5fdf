using ScalingGpu.Fitting;

namespace ScalingGpu.Tests;

/// <summary>The one method-name parser shared by the CLI and the YAML: every name round-trips, anything else is refused.</summary>
public sealed class NameParsingTests
{
    [Fact]
    public void EveryMethodName_RoundTrips()
    {
        foreach (FitMethod method in Enum.GetValues<FitMethod>())
        {
            Assert.True(FitNames.TryParseMethod(method.Name(), out FitMethod parsed));
            Assert.Equal(method, parsed);
        }
    }

    [Theory]
    [InlineData("VPNLS")]
    [InlineData("approach4")]
    [InlineData("")]
    public void UnknownNames_AreRefused_NotMappedToVpnls(string name) => Assert.False(FitNames.TryParseMethod(name, out _));

    [Fact]
    public void UnknownYamlMethod_IsAnErrorNamingTheLine()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(config, "name: bad\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  points_per_budget: 5\n  width: S\nmethods: [approach4]\nextrapolate_to: [1e24]\n");
        var (exit, _, stderr) = CliRunner.Run("sweep", config, "--out", Path.Combine(dir, "out"), "--device", "cpu");
        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml:7", stderr);
        Assert.Contains("unknown method 'approach4'", stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
