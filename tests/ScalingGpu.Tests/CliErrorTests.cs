namespace ScalingGpu.Tests;

/// <summary>Every bad input is exit 2 with one line on stderr that says where and what to do, and nothing written.</summary>
public sealed class CliErrorTests
{
    static string WriteCsv(string dir, string text)
    {
        string path = Path.Combine(dir, "runs.csv");
        File.WriteAllText(path, text);
        return path;
    }

    const string Header = "# a comment line\nN,D,loss\n";
    const string GoodRows = "1e8,2e9,3.1\n2e8,2e9,3.0\n4e8,2e9,2.9\n8e8,2e9,2.85\n1.6e9,2e9,2.83\n";

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        // name, CSV text (null-free), expected fragments of the one-line message
        { "non-numeric cell", Header + "1e8,2e9,abc\n" + GoodRows, ["runs.csv line 3", "'loss'", "'abc' is not a number"] },
        { "negative value", Header + GoodRows + "1e8,-2e9,3.1\n", ["runs.csv line 8", "'D'", "finite and > 0"] },
        { "zero loss", Header + GoodRows + "1e8,2e9,0\n", ["runs.csv line 8", "'loss'"] },
        { "infinite value", Header + GoodRows + "inf,2e9,3\n", ["runs.csv line 8", "'N'"] },
        { "missing column", "N,tokens,loss\n" + GoodRows, ["no column 'D'", "N, tokens, loss", "--tokens"] },
        { "too few points", Header + "1e8,2e9,3.1\n2e8,2e9,3.0\n", ["at least 5 runs", "2 remain"] },
        { "ragged row", Header + "1e8,2e9\n" + GoodRows, ["runs.csv line 3", "2 fields"] },
        { "header names a column twice", "N,D,loss,N\n" + GoodRows.Replace("\n", ",1\n"), ["'N' 2 times", "columns 1, 4"] },
        { "column matched only apart from case, twice", "N,D,Loss,LOSS\n" + GoodRows.Replace("\n", ",3\n"), ["'loss' matches", "'Loss'", "'LOSS'", "exactly"] },
        { "C = 6ND overflows", Header + GoodRows + "1e160,1e160,2\n", ["runs.csv line 8", "C = 6·N·D overflows"] },
        { "quote never closed", Header + "1e8,2e9,\"3.1\n" + GoodRows, ["runs.csv line 3", "never closed"] },
        { "text after a closing quote", Header + "1e8,2e9,\"3.1\"x\n" + GoodRows, ["runs.csv line 3", "after a closing quote"] },
        { "bad row after a multi-line quoted field", "N,D,loss,note\n1e8,2e9,3.1,\"two\nlines\"\n2e8,2e9,x,\n", ["runs.csv line 4", "'x' is not a number"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadData_IsExit2_OneLine_NothingWritten(string name, string csv, string[] fragments)
    {
        string dir = CliRunner.TempDir();
        string outDir = Path.Combine(dir, "out");
        var (exit, stdout, stderr) = CliRunner.Run("fit", WriteCsv(dir, csv), "--out", outDir, "--device", "cpu");
        AssertOneLineError(name, exit, stdout, stderr, fragments);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(), $"{name}: output written");
    }

    [Fact]
    public void UnknownCommand_IsExit2_NamingItAndTheCommands() =>
        AssertOneLineError("unknown command", CliRunner.Run("fitt", "runs.csv"), ["unknown command 'fitt'", "fit, compare, sweep, plot, devices"]);

    [Fact]
    public void MissingFile_IsExit2() =>
        AssertOneLineError("missing file", CliRunner.Run("fit", "/no/such/runs.csv"), ["/no/such/runs.csv", "not found"]);

    [Fact]
    public void AbsentCudaDevice_IsExit2() =>
        AssertOneLineError("absent device", CliRunner.Run(CliRunner.Llama3Args("--device", "cuda")), ["--device cuda", "--device cpu"]);

    [Fact]
    public void UnwritableOut_IsExit2()
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "");
        AssertOneLineError("unwritable out", CliRunner.Run(CliRunner.Llama3Args("--out", Path.Combine(file, "sub"))), ["--out", "writable"]);
    }

    [Theory]
    [InlineData("--dcl-reference", "approach2", "--dcl-plan", "vpnls")]
    [InlineData("--dcl-plan", "approach2")]
    [InlineData("--seed", "3")]
    [InlineData("--ci", "1.5", "--bootstrap", "10")]
    [InlineData("--mfu", "0.4")]
    [InlineData("--delta", "0.01")]
    [InlineData("--a3-delta", "0.01", "--a3-loss", "mse")]
    [InlineData("--target-compute", "1e24", "1.0004e24")]
    [InlineData("--target-compute", "0.5")]
    [InlineData("--grid-step", "1e-6")]
    [InlineData("--grid-step", "1e-7", "--beta-range", "0.3:0.3001")]   // few cells, but 9.8e6 α values
    [InlineData("--seed", "1.5", "--bootstrap", "10")]
    [InlineData("--params", "compute_budget")]
    public void InvalidCombinations_AreExit2(params string[] options) =>
        AssertOneLineError(string.Join(' ', options), CliRunner.Run(CliRunner.Llama3Args(options)), [options[0]]);

    [Fact]
    public void WithinBudgetResamplingWithoutBudgets_IsExit2() =>
        AssertOneLineError("within-budget without budgets", CliRunner.Run("fit", TestData.PathOf("chinchilla_epoch.csv"), "--params", "Model Size",
            "--compute", "Training FLOP", "--bootstrap", "10", "--resample", "within-budget"), ["--resample within-budget", "--resample points"]);

    [Fact]
    public void BudgetResamplingWithoutBudgets_IsExit2() =>
        AssertOneLineError("budgets without budgets", CliRunner.Run("fit", TestData.PathOf("chinchilla_epoch.csv"), "--params", "Model Size",
            "--compute", "Training FLOP", "--bootstrap", "10", "--resample", "budgets"), ["--resample budgets", "--budget"]);

    [Theory]
    [InlineData("--method", "vpnlss")]
    [InlineData("--alpha-range", "0.5")]
    [InlineData("--grid-step", "-0.1")]
    [InlineData("--a3-starts", "zero")]
    [InlineData("--drop-top-loss", "200")]
    [InlineData("--holdout-above", "abc")]   // the parser's own message named System.Nullable`1[System.Double]
    [InlineData("--bootstrap", "many")]
    public void BadOptionValues_AreExit2(string option, string value) =>
        AssertOneLineError($"{option} {value}", CliRunner.Run(CliRunner.Llama3Args(option, value)), [option.TrimStart('-').Split('-')[0]]);

    internal static void AssertOneLineError(string name, (int Exit, string Stdout, string Stderr) run, string[] fragments) =>
        AssertOneLineError(name, run.Exit, run.Stdout, run.Stderr, fragments);

    static void AssertOneLineError(string name, int exit, string stdout, string stderr, string[] fragments)
    {
        Assert.True(exit == 2, $"{name}: exit {exit}, stderr: {stderr}");
        Assert.Equal("", stdout);
        string[] lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{name}: expected one line, got:\n{stderr}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", stderr);
        foreach (string fragment in fragments)
            Assert.True(lines[0].Contains(fragment, StringComparison.OrdinalIgnoreCase), $"{name}: '{fragment}' missing from: {lines[0]}");
    }
}
