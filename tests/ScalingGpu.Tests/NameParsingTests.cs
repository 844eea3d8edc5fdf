using ScalingGpu.Bootstrap;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;
using ScalingGpu.Plots;

namespace ScalingGpu.Tests;

/// <summary>
/// The one method-name parser shared by the CLI and the YAML, and the one quantity-name map of every output: every name
/// round-trips, anything else is refused.
/// </summary>
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

    [Fact]
    public void QuantityNames_AreTheOutputInterface_AndRoundTrip()
    {
        // These names are written into intervals.parquet, the JSON and the sweep intervals: they must never change.
        Assert.Equal(["E", "A", "B", "alpha", "beta", "n_opt_exponent", "d_opt_exponent", "G", "N_opt", "D_opt", "L_opt", "D_over_N"],
                     Enum.GetValues<QuantityKind>().Select(k => k.Name()));
        foreach (QuantityKind kind in Enum.GetValues<QuantityKind>())
        {
            Assert.True(QuantityNames.TryParse(kind.Name(), out QuantityKind parsed));
            Assert.Equal(kind, parsed);
        }
    }

    [Theory]
    [InlineData("Alpha")]
    [InlineData("a")]
    [InlineData("n_opt")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownQuantityNames_AreRefused(string? name)
    {
        Assert.False(QuantityNames.TryParse(name, out _));
        var e = Assert.Throws<InputDataException>(() => QuantityNames.Parse(name, "x.parquet, column 'quantity'"));
        Assert.Contains($"x.parquet, column 'quantity': unknown quantity '{name}'", e.Message);
    }

    [Fact]
    public async Task SweepIntervalsWithAnUnknownQuantity_AreAnErrorNamingTheFile()
    {
        string part = Path.Combine(CliRunner.TempDir(), "intervals", "method=vpnls", "part-000000.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        await new ParquetTable("test").Add("quantity", ["alpha", "n_opt"]).WriteAsync(part, new ParquetStamp("test", "test"));
        var e = Assert.Throws<InputDataException>(() => IntervalTable.TryRead(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(part)))!));
        Assert.Contains("part-000000.parquet", e.Message);
        Assert.Contains("unknown quantity 'n_opt'", e.Message);
    }
}
