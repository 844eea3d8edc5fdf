using System.CommandLine;
using ScalingGpu.Bootstrap;
using ScalingGpu.Cli;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;
using ScalingGpu.Plots;
using ScalingGpu.Sweeps;

namespace ScalingGpu.Tests;

/// <summary>
/// The one name map of each user-facing enum (method, objective, loss space, resampling unit, interval kind, device),
/// whose parser the CLI and the YAML share, and the one quantity-name map of every output: every name round-trips,
/// anything else is refused (by the CLI with exit 2 naming the option, by the YAML naming file:line:column).
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
    public void EveryEnumName_IsFixed_AndRoundTripsThroughItsOneParser()
    {
        // Typed on the command line, written in sweep YAML and in every manifest: these names must never change.
        AssertRoundTrips(FitNames.Methods, "vpnls", "approach2", "approach3");
        AssertRoundTrips(FitNames.Objectives, "mse", "huber");
        AssertRoundTrips(FitNames.Spaces, "raw", "log");
        AssertRoundTrips(BootstrapNames.Units, "points", "within-budget", "budgets");
        AssertRoundTrips(BootstrapNames.Intervals, "percentile", "bca");
        AssertRoundTrips(CommandActions.Devices, "auto", "cpu", "cuda", "opencl");
        // The output names are the map's.
        Assert.Equal("huber", FitObjective.Huber.Name());
        Assert.Equal("log", LossSpace.Log.Name());
        Assert.Equal("within-budget", ResampleUnit.WithinBudget.Name());
        Assert.Equal("bca", IntervalKind.Bca.Name());
    }

    static void AssertRoundTrips<T>(NameMap<T> map, params string[] names) where T : struct, Enum
    {
        Assert.Equal(names, map.Names);
        foreach (T value in Enum.GetValues<T>())
        {
            Assert.True(map.TryParse(map.Name(value), out T parsed), $"{typeof(T).Name}.{value}: '{map.Name(value)}' refused");
            Assert.Equal(value, parsed);
        }
        // Case, near misses, 'all' (a --method word, not a method) and nothing at all are refused, never mapped to a default.
        foreach (string? bad in new[] { names[0].ToUpperInvariant(), names[0] + "s", " " + names[0], "all", "", null })
            Assert.False(map.TryParse(bad, out _), $"{typeof(T).Name}: '{bad}' accepted");
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Name((T)(object)99));
    }

    [Fact]
    public void NameMap_NeedsOneDistinctNamePerValue()
    {
        Assert.Throws<ArgumentException>(() => new NameMap<LossSpace>("raw"));
        Assert.Throws<ArgumentException>(() => new NameMap<LossSpace>("raw", "raw"));
        Assert.Throws<ArgumentException>(() => new NameMap<LossSpace>("raw", "log", "log10"));
    }

    [Fact]
    public void NameOption_TakesEveryName_AndAbsenceGivesTheFallbackOrNull()
    {
        var unit = new NameOption<ResampleUnit>("--resample", "unit", BootstrapNames.Units);
        var kind = new NameOption<IntervalKind>("--interval", "kind", BootstrapNames.Intervals, IntervalKind.Bca);
        var root = new RootCommand { unit, kind };
        foreach (ResampleUnit u in Enum.GetValues<ResampleUnit>())
        {
            ParseResult p = root.Parse(["--resample", u.Name()]);
            Assert.Empty(p.Errors);
            Assert.Equal(u, unit.ValueOrNull(p));
        }
        foreach (IntervalKind k in Enum.GetValues<IntervalKind>())
            Assert.Equal(k, kind.Value(root.Parse(["--interval", k.Name()])));
        ParseResult none = root.Parse([]);
        Assert.Empty(none.Errors);
        Assert.Null(unit.ValueOrNull(none));
        Assert.Equal(IntervalKind.Bca, kind.Value(none));
    }

    [Theory]
    [InlineData("fit", "--method", "vpnl", "vpnls, approach2, approach3, all")]
    [InlineData("fit", "--objective", "l1", "mse, huber")]
    [InlineData("fit", "--space", "Log", "raw, log")]
    [InlineData("fit", "--a3-loss", "l2", "mse, huber")]
    [InlineData("fit", "--resample", "runs", "points, within-budget, budgets")]
    [InlineData("fit", "--interval", "bc", "percentile, bca")]
    [InlineData("fit", "--dcl-plan", "approach4", "vpnls, approach2, approach3")]
    [InlineData("fit", "--dcl-reference", "all", "vpnls, approach2, approach3")]
    [InlineData("fit", "--device", "gpu", "auto, cpu, cuda, opencl")]
    [InlineData("compare", "--interval", "BCa", "percentile, bca")]
    [InlineData("sweep", "--device", "CPU", "auto, cpu, cuda, opencl")]
    public void UnknownCliName_IsExit2_WithOneLineNamingTheOptionAndTheAcceptedNames(string command, string option, string value, string names)
    {
        string[] args = command switch
        {
            "fit" => CliRunner.Llama3Args(option, value),
            "compare" => ["compare", "a.csv", "b.csv", option, value],
            _ => ["sweep", "config.yaml", option, value],
        };
        CliErrorTests.AssertOneLineError($"{command} {option} {value}", CliRunner.Run(args), [$"{option} must be one of {names}; got '{value}'"]);
    }

    const string YamlHead = "name: bad\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  points_per_budget: 5\n";

    [Theory]
    [InlineData("methods:\n  - vpnls:\n      objective: l1\n", "8:18", "objective must be one of mse, huber; got 'l1'")]
    [InlineData("methods:\n  - vpnls:\n      space: log10\n", "8:14", "space must be one of raw, log; got 'log10'")]
    [InlineData("methods:\n  - approach3:\n      loss: Huber\n", "8:13", "loss must be one of mse, huber; got 'Huber'")]
    [InlineData("methods: [vpnls]\nbootstrap:\n  resamples: 10\n  resample: runs\n", "9:13", "resample must be one of points, within-budget, budgets; got 'runs'")]
    [InlineData("methods: [vpnls]\nbootstrap:\n  resamples: 10\n  interval: [percentile, bc]\n", "9:26", "interval must be one of percentile, bca; got 'bc'")]
    public void UnknownYamlName_IsExit2_NamingFileLineColumnAndTheAcceptedNames(string rest, string where, string message)
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(config, YamlHead + rest);
        var run = CliRunner.Run("sweep", config, "--out", Path.Combine(dir, "out"), "--device", "cpu");
        CliErrorTests.AssertOneLineError(message, run, [$"bad.yaml:{where}: {message}."]);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void EveryYamlName_ReadsThroughTheSameMaps()
    {
        // Three configs cover every name of every map (the shorter maps wrap around).
        for (int i = 0; i < 3; i++)
        {
            FitObjective objective = Pick<FitObjective>(i), loss = Pick<FitObjective>(i + 1);
            LossSpace space = Pick<LossSpace>(i);
            ResampleUnit unit = Pick<ResampleUnit>(i);
            IntervalKind kind = Pick<IntervalKind>(i);
            SweepConfig config = SweepConfigReader.Parse(YamlHead +
                $"methods:\n  - vpnls: {{objective: {objective.Name()}, space: {space.Name()}}}\n  - approach3: {{loss: {loss.Name()}}}\n" +
                $"bootstrap: {{resamples: 10, resample: {unit.Name()}, interval: {kind.Name()}}}\n", "good.yaml");
            Assert.Equal((objective, space), (config.Methods[0].VarPro.Objective, config.Methods[0].VarPro.Space));
            Assert.Equal(loss, config.Methods[1].Approach3.Loss);
            Assert.Equal(unit, config.Bootstrap!.Unit);
            Assert.Equal([kind], config.Bootstrap.Kinds);
        }
    }

    static T Pick<T>(int i) where T : struct, Enum => Enum.GetValues<T>()[i % Enum.GetValues<T>().Length];

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
