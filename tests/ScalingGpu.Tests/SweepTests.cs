using System.Diagnostics;
using DuckDB.NET.Data;
using ScalingGpu.Compute;
using ScalingGpu.Sweeps;

namespace ScalingGpu.Tests;

/// <summary>Sweeps: the paper's Approach 2 bias tables read back from Parquet, scale-out (shards, kill and resume), and an independent reader.</summary>
public sealed class SweepTests
{
    const string BiasConfig = """
        name: a2-bias
        seed: 1
        surfaces: [chinchilla, asymmetric]
        design:
          budgets: [1e17, 1e18, 1e19, 1e20, 1e21]
          points_per_budget: 15
          width: [XS, S, L, XL]
          offset: [1, 3]
          drift_to: [1, 3]
        methods: [approach2]
        extrapolate_to: [1e24]
        """;

    // DESIGN.md §2: D* error at 1e24 in percent for widths XS, S, L, XL.
    public static TheoryData<string, double, double, double[]> BiasTable() => new()
    {
        { "chinchilla", 1, 1, [-0.327, -1.301, -2.903, -5.100] },
        { "asymmetric", 1, 1, [-1.675, -6.498, -13.910, -23.116] },
        { "asymmetric", 1, 3, [34.57, 30.04, 22.97, 14.00] },
        { "chinchilla", 1, 3, [11.61, 9.83, 6.94, 3.05] },
        { "chinchilla", 3, 1, [7.11, 5.69, 3.38, 0.24] },
    };

    static readonly Lazy<Dictionary<string, Array>> BiasRecords = new(() =>
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "bias.yaml");
        File.WriteAllText(config, BiasConfig);
        SweepRunner.Run(SweepConfigReader.Read(config), config, new SweepRunOptions(Path.Combine(dir, "out")), new HostDevice());
        return ReadDataSet(Path.Combine(dir, "out"));
    });

    [Theory]
    [MemberData(nameof(BiasTable))]
    public void Approach2Bias_ReproducesThePapersTables(string surface, double offset, double drift, double[] expectedPercent)
    {
        var r = BiasRecords.Value;
        double[] widths = [2, 4, 8, 16];
        for (int w = 0; w < 4; w++)
        {
            int row = Enumerable.Range(0, r["surface"].Length).Single(i => (string?)r["surface"].GetValue(i) == surface
                && (double?)r["width_factor"].GetValue(i) == widths[w] && (double?)r["centre_offset"].GetValue(i) == offset && (double?)r["drift_to"].GetValue(i) == drift);
            double dError = 100 * (double)((double?)r["d_opt_rel_err"].GetValue(row))!;
            AssertRel.Near(expectedPercent[w], dError, 0.02, $"{surface} W{widths[w]} offset {offset} drift {drift}");
            if (offset == 1 && drift == 1)   // centred curves: Approach 2's exponents are exact
            {
                Assert.True(Math.Abs((double)((double?)r["n_opt_exponent_rel_err"].GetValue(row))!) < 1e-9, "a exact");
                Assert.True(Math.Abs((double)((double?)r["d_opt_exponent_rel_err"].GetValue(row))!) < 1e-9, "b exact");
            }
        }
    }

    const string ScaleConfig = """
        name: scale-out
        seed: 9
        surfaces: [chinchilla, asymmetric, symmetric]
        design:
          budgets: {geomspace: [1e17, 1e21, 5]}
          points_per_budget: [8, 12]
          width: [S, L]
          noise: 0.005
        replicates: 12
        methods: [approach2, {vpnls: {grid_step: 0.002}}]
        extrapolate_to: [1e23, 1e24]
        """;

    [Fact]
    public void KilledSweep_ResumesToTheSameDataSet_AndShardsInSeparateProcessesEqualOneRun()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "scale.yaml");
        File.WriteAllText(config, ScaleConfig);
        string whole = Path.Combine(dir, "whole"), killed = Path.Combine(dir, "killed"), sharded = Path.Combine(dir, "sharded");
        Assert.Equal(0, Cli("sweep", config, "--out", whole, "--device", "cpu").WaitAndExit());

        // SIGKILL once a few parts exist, then resume.
        Process victim = Cli("sweep", config, "--out", killed, "--device", "cpu");
        var clock = Stopwatch.StartNew();
        while (PartCount(killed) < 3 && clock.Elapsed < TimeSpan.FromSeconds(60) && !victim.HasExited) Thread.Sleep(20);
        victim.Kill(entireProcessTree: true);
        victim.WaitForExit();
        int partsAtKill = PartCount(killed);
        Assert.True(partsAtKill < PartCount(whole), $"the sweep finished before it was killed ({partsAtKill} parts)");
        Assert.Equal(2, Cli("sweep", config, "--out", killed, "--device", "cpu").WaitAndExit());   // refuses without --resume
        Assert.Equal(0, Cli("sweep", config, "--out", killed, "--device", "cpu", "--resume").WaitAndExit());

        var shards = Enumerable.Range(0, 3).Select(i => Cli("sweep", config, "--out", sharded, "--device", "cpu", "--shard", $"{i}/3")).ToList();
        Assert.All(shards, p => Assert.Equal(0, p.WaitAndExit()));

        var reference = Rows(whole);
        Assert.Equal(12 * 3 * 2 * 2 * 2 * 2, reference.Count);   // jobs 12 × replicates 12 × methods 2 × budgets 2
        Assert.Equal(reference.Count, reference.Distinct().Count());
        Assert.Equal(reference, Rows(killed));
        Assert.Equal(reference, Rows(sharded));
    }

    [Fact]
    public void ResumeIntoAnotherConfigsDirectory_IsExit2()
    {
        string dir = CliRunner.TempDir(), a = Path.Combine(dir, "a.yaml"), b = Path.Combine(dir, "b.yaml"), outDir = Path.Combine(dir, "out");
        File.WriteAllText(a, BiasConfig);
        File.WriteAllText(b, BiasConfig.Replace("seed: 1", "seed: 2"));
        Assert.Equal(0, CliRunner.Run("sweep", a, "--out", outDir, "--device", "cpu").Exit);
        var (exit, _, stderr) = CliRunner.Run("sweep", b, "--out", outDir, "--device", "cpu", "--resume");
        Assert.Equal(2, exit);
        Assert.Contains("different config", stderr);

        // A sweep written before the output schema was recorded (schema 1: column `interval`) cannot take new parts.
        string manifest = Path.Combine(outDir, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"output_schema\": 2,", ""));
        var old = CliRunner.Run("sweep", a, "--out", outDir, "--device", "cpu", "--resume");
        Assert.Equal(2, old.Exit);
        Assert.Contains("output schema 1", old.Stderr);
    }

    [Fact]
    public void DuckDb_ReadsTheWholeDataSet_AsOneTable()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "q.yaml"), outDir = Path.Combine(dir, "out");
        File.WriteAllText(config, BiasConfig.Replace("methods: [approach2]", "methods: [approach2, {vpnls: {grid_step: 0.01}}]"));
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", outDir, "--device", "cpu").Exit);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select method, count(*) as n, max(abs(n_opt_exponent_rel_err)) as a_err,
                   max(d_opt_rel_err) filter (where surface = 'chinchilla' and width_factor = 16 and centre_offset = 3 and drift_to = 1) as d
            from read_parquet('{outDir}/records/*/*.parquet', hive_partitioning = true)
            group by method order by method
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("approach2", reader.GetString(0));
        Assert.Equal(32L, reader.GetInt64(1));   // 2 surfaces × 4 widths × 2 offsets × 2 drifts
        AssertRel.Near(0.0024, reader.GetDouble(3), 0.0002, "Chinchilla XL offset 3× D* error");
        Assert.True(reader.Read());
        Assert.Equal("vpnls", reader.GetString(0));
        Assert.Equal(32L, reader.GetInt64(1));
        Assert.True(reader.GetDouble(2) < 1e-6, $"VPNLS exponent error {reader.GetDouble(2)} on noise-free data");
    }

    [Theory]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign: {budgets: [1e17, 1e18], colour: red}\nmethods: [vpnls]\n", "3:", "unknown key 'colour'")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  noise: -0.1\nmethods: [vpnls]\n", ":5:", "noise")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  width: 1\nmethods: [vpnls]\n", ":5:", "width")]
    [InlineData("name: x\nsurfaces: []\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "empty list")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17]\nmethods: [vpnls]\n", ":4:", "at least 2")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  points_per_budget: many\nmethods: [vpnls]\n", ":5:", "points_per_budget")]
    [InlineData("name: x\nname: y\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "Duplicate key")]
    [InlineData("name: x\nsurfaces: [chinchila]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "unknown surface")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18\nmethods: [vpnls]\n", ":", "YAML")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [{vpnls: {grid_stepp: 0.1}}]\n", ":5:", "grid_stepp")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  resamples: 1\n", ":7:", "resamples")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  resamples: 10\n  interval: bci\n", ":8:", "percentile, bca")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  resamples: 10\n  level: [0.9, 95]\n", ":8:", "level")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  resamples: 10\n  resample: curves\n", ":8:", "within-budget")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  level: 0.9\n", ":7:", "needs 'resamples'")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\nbootstrap:\n  resamples: 10\n  seed: 3\n", ":8:", "unknown key 'seed'")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n\twidth: L\nmethods: [vpnls]\n", ":5:1:", "tab in the indentation")]
    [InlineData("name: x\nsurfaces: [chinchilla, Chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "repeats the surface name 'chinchilla'")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  noise: [0, 0.01, 0]\nmethods: [vpnls]\n", ":5:", "repeats the value '0'")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n---\nname: y\n", ":6:1:", "second YAML document")]
    [InlineData("---\nname: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n...\nname: y\n", ":8:1:", "second YAML document")]
    [InlineData("name: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17,\n\t1e18]\nmethods: [vpnls]\n", ":5:1:", "tab in the indentation")]
    [InlineData("? [a, b]\n: 1\nname: x\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":1:", "plain name")]
    [InlineData("name: x\nsurfaces: [{name: s, E: -5, A: 1, B: 1, alpha: 0.3, beta: 0.3}]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "E must be a number ≥ 0")]
    [InlineData("name: x\nseed: 1.5\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", ":2:", "seed must be an integer")]
    public void BadYaml_IsExit2_WithLineAndColumn(string yaml, string position, string fragment)
    {
        string path = Path.Combine(CliRunner.TempDir(), "bad.yaml");
        File.WriteAllText(path, yaml);
        var (exit, stdout, stderr) = CliRunner.Run("sweep", path, "--out", Path.Combine(Path.GetDirectoryName(path)!, "out"), "--device", "cpu");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        string line = stderr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith($"error: {path}:", line);
        Assert.Contains(position, line);
        Assert.Contains(fragment, line);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(path)!, "out")));
    }

    [Fact]
    public void NameThatIsAPath_NeedsOut_ToChooseTheFolder()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "p.yaml");
        File.WriteAllText(config, "name: ../escaped\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\n  points_per_budget: 5\nmethods: [approach2]\n");
        CliErrorTests.AssertOneLineError("name as a path", CliRunner.Run("sweep", config, "--device", "cpu"), ["name '../escaped'", "--out"]);
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", Path.Combine(dir, "out"), "--device", "cpu").Exit);
    }

    [Theory]
    [InlineData("9007199254740993", 9007199254740993UL)]   // 2^53 + 1: a double would round it to 2^53
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("1e3", 1000UL)]   // a whole number written as a decimal, as before
    [InlineData("18446744073709551615.0", ulong.MaxValue)]
    public void Seed_KeepsEveryBitOfTheGeneratorKey(string text, ulong expected)
    {
        var config = Sweeps.SweepConfigReader.Parse($"seed: {text}\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18]\nmethods: [vpnls]\n", "s.yaml");
        Assert.Equal(expected, config.Seed);
    }

    static Dictionary<string, Array> ReadDataSet(string outDir)
    {
        var merged = new Dictionary<string, List<object?>>();
        foreach (string part in Directory.GetFiles(Path.Combine(outDir, "records"), "*.parquet", SearchOption.AllDirectories))
            foreach (var (name, values) in ParquetReadBack.Columns(part))
            {
                if (!merged.TryGetValue(name, out var list)) merged[name] = list = [];
                foreach (object? v in values) list.Add(v);
            }
        return merged.ToDictionary(m => m.Key, m => (Array)m.Value.ToArray());
    }

    [Fact]
    public void DryRun_CountsFullResampleAndJackknifeFits()
    {
        string dir = CliRunner.TempDir(), config = Path.Combine(dir, "dry.yaml");
        File.WriteAllText(config, "name: dry\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18, 1e19]\n  points_per_budget: [5, 7]\n" +
                                  "replicates: 10\nmethods: [approach2, vpnls]\nbootstrap:\n  resamples: 50\n  interval: [percentile, bca]\n");
        var (exit, stdout, _) = CliRunner.Run("sweep", config, "--dry-run");
        Assert.Equal(0, exit);
        // 2 methods × 10 replicates × (1 + 50 + jackknife: 15 or 21 points) for the two jobs.
        long fits = 2 * 10 * ((1 + 50 + 15) + (1 + 50 + 21));
        Assert.Contains($"= {fits:N0} fits", stdout);
        Assert.False(Directory.Exists(Path.Combine(dir, "sweeps")));
    }

    static Process Cli(params string[] args) => SweepProcess.Start(args);
    static int PartCount(string outDir) => SweepProcess.Parts(outDir);
    static List<string> Rows(string outDir) => SweepProcess.Rows(outDir, "records");
}

internal static class ProcessExtensions
{
    public static int WaitAndExit(this Process process)
    {
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); return -1; }
        return process.ExitCode;
    }
}
