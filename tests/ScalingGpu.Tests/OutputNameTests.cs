using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Parquet;
using ScalingGpu.Output;

namespace ScalingGpu.Tests;

/// <summary>
/// Output names are an interface: every Parquet file the tool writes is read back through DuckDB (which matches names
/// case-insensitively) and each unquoted <c>select name</c> must return exactly that column; every file carries its
/// metadata; JSON keys follow the same rule.
/// </summary>
public sealed class OutputNameTests
{
    const string SweepConfig = """
        name: names
        seed: 3
        surfaces: [chinchilla]
        design:
          budgets: [1e17, 1e18, 1e19]
          points_per_budget: 7
          width: [S]
          offset: [1, 2]
          noise: 0.01
        replicates: 2
        methods: [approach2, {vpnls: {grid_step: 0.02}}]
        extrapolate_to: [1e24]
        bootstrap: {resamples: 8, interval: [percentile, bca]}
        """;

    [Fact]
    public async Task EveryParquetColumn_IsSelectableUnquoted_InDuckDb_AndDocumentedInTheFile()
    {
        string fitDir = Path.Combine(CliRunner.TempDir(), "fit");
        var fit = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "8", "--grid-step", "0.02", "--bootstrap", "10",
            "--dcl-plan", "approach2", "--dcl-reference", "vpnls", "--holdout-above", "3e21", "--predict", PredictFile(), "--out", fitDir, "--device", "cpu"));
        Assert.Equal(0, fit.Exit);
        string sweepDir = CliRunner.TempDir(), config = Path.Combine(sweepDir, "names.yaml");
        File.WriteAllText(config, SweepConfig);
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", Path.Combine(sweepDir, "out"), "--device", "cpu").Exit);

        string compareDir = Path.Combine(CliRunner.TempDir(), "compare");
        Assert.Equal(0, CliRunner.Run(CompareArgs("--bootstrap", "10", "--out", compareDir)).Exit);
        string[] files = [.. Directory.GetFiles(fitDir, "*.parquet"), .. Directory.GetFiles(compareDir, "*.parquet"), .. Directory.GetFiles(Path.Combine(sweepDir, "out"), "*.parquet", SearchOption.AllDirectories)];
        Assert.Equal(["allocations", "dcl", "fits", "grid", "holdout", "intervals", "parabolas", "points", "predictions", "resamples"],
                     files.Where(f => f.StartsWith(fitDir)).Select(Path.GetFileNameWithoutExtension).Order());
        Assert.Contains(files, f => f.Contains(Path.Combine("out", "records")));
        Assert.Contains(files, f => f.Contains(Path.Combine("out", "intervals")));
        Assert.Equal(["compare", "frontiers"], files.Where(f => f.StartsWith(compareDir)).Select(Path.GetFileNameWithoutExtension).Order());
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (string file in files)
        {
            Dictionary<string, Array> columns = ParquetReadBack.Columns(file);
            foreach (var (name, values) in columns)
            {
                Assert.False(OutputNames.Reserved.Contains(name), $"{file}: {name} is an SQL keyword");
                Assert.Single(columns.Keys, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                using var command = connection.CreateCommand();
                command.CommandText = $"select {name} from read_parquet('{file}')";
                using var reader = command.ExecuteReader();
                Assert.Equal(name, reader.GetName(0));
                for (int row = 0; row < values.Length; row++)
                {
                    Assert.True(reader.Read(), $"{file}: {name} has fewer rows in DuckDB");
                    object? expected = values.GetValue(row);
                    object? actual = reader.IsDBNull(0) ? null : reader.GetValue(0);
                    Assert.True(Equals(expected, actual), $"{file}: select {name} row {row} gave {actual}, the file holds {expected}");
                }
            }
            await AssertMetadata(file, columns.Keys);
        }
    }

    // Llama 3 against the CS336 synthetic curves, both fitted by VPNLS on a coarse grid.
    static string[] CompareArgs(params string[] more) =>
        ["compare", TestData.PathOf("llama3_isoflops.csv"), TestData.PathOf("cs336_isoflops_synthetic.csv"), "--tokens", "training_tokens", "--compute", "compute_budget",
         "--loss", "validation_loss", "--budget", "compute_budget", "--b-tokens", "D", "--b-compute", "C", "--b-loss", "loss", "--b-budget", "none",
         "--grid-step", "0.02", "--device", "cpu", .. more];

    // Two runs to predict, columns in another case than the tool writes them.
    static string PredictFile()
    {
        string path = Path.Combine(CliRunner.TempDir(), "targets.csv");
        File.WriteAllText(path, "n,d\n1e10,2e11\n7e10,1e12\n");
        return path;
    }

    static async Task AssertMetadata(string file, IEnumerable<string> columns)
    {
        bool part = Path.GetFileName(file).StartsWith("part-");   // sweep parts sit in OUT/TABLE/method=LABEL/
        string manifest = Path.Combine(part ? Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(file)))! : Path.GetDirectoryName(file)!, "manifest.json");
        JsonNode json = JsonNode.Parse(File.ReadAllText(manifest))!;
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        IReadOnlyDictionary<string, string> meta = reader.CustomMetadata;
        Assert.Equal(json["version"]!.GetValue<string>(), meta["scalinggpu.version"]);
        Assert.Equal(json["config_hash"]!.GetValue<string>(), meta["scalinggpu.config_sha256"]);
        Assert.StartsWith("one row per", meta["scalinggpu.description"]);
        JsonObject described = JsonNode.Parse(meta["scalinggpu.columns"])!.AsObject();
        Assert.Equal(columns.Order(), described.Select(p => p.Key).Order());
        Assert.All(described, p => Assert.False(string.IsNullOrWhiteSpace(p.Value!.GetValue<string>())));
    }

    [Fact]
    public void JsonKeys_AreUniqueIgnoringCase_AndNeverSqlKeywords()
    {
        var (exit, stdout, _) = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "8", "--grid-step", "0.02", "--bootstrap", "10",
            "--dcl-plan", "approach2", "--dcl-reference", "vpnls", "--holdout-above", "3e21", "--predict", PredictFile(), "--json", "--device", "cpu"));
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        int objects = CheckObject(doc.RootElement);
        Assert.True(objects > 10, $"only {objects} JSON objects checked");
        var compare = CliRunner.Run(CompareArgs("--bootstrap", "10", "--json"));
        Assert.Equal(0, compare.Exit);
        using var compareDoc = JsonDocument.Parse(compare.Stdout);
        Assert.True(CheckObject(compareDoc.RootElement) > 5);
    }

    static int CheckObject(JsonElement element)
    {
        int count = 0;
        if (element.ValueKind == JsonValueKind.Object)
        {
            count++;
            var names = element.EnumerateObject().Select(p => p.Name).ToList();
            foreach (string name in names)
            {
                Assert.False(OutputNames.Reserved.Contains(name), $"JSON key {name} is an SQL keyword");
                Assert.Single(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            }
            foreach (var p in element.EnumerateObject()) count += CheckObject(p.Value);
        }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) count += CheckObject(item);
        return count;
    }

    [Theory]
    [InlineData("offset")]
    [InlineData("select")]
    public void Writer_RefusesAReservedName(string name) =>
        Assert.Throws<ArgumentException>(() => new ParquetTable("test").Add(name, [1.0]));

    [Fact]
    public void Writer_RefusesNamesThatDifferOnlyInCase() =>
        Assert.Throws<ArgumentException>(() => new ParquetTable("test").Add("A", [1.0]).Add("a", [2.0]));
}
