using System.Text.Json;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;

namespace ScalingGpu.Tests;

/// <summary>The fit command's JSON contract and its --out files, read back independently.</summary>
public sealed class CliOutputTests
{
    [Fact]
    public void Json_FollowsTheContract_WithNullForUndefinedNumbers()
    {
        var (exit, stdout, _) = CliRunner.Run("fit", TestData.PathOf("chinchilla_epoch.csv"), "--params", "Model Size", "--compute", "Training FLOP",
            "--drop-top-loss", "5", "--method", "all", "--a3-starts", "64", "--grid-step", "0.01", "--target-compute", "1e24", "3.8e25", "--json", "--device", "cpu");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);   // exactly one JSON object on stdout
        JsonElement root = doc.RootElement;
        Assert.Equal(240, root.GetProperty("n_points").GetInt32());
        Assert.Equal(5, root.GetProperty("dropped_rows").GetArrayLength());
        var fits = root.GetProperty("fits").EnumerateArray().ToDictionary(f => f.GetProperty("method").GetString()!);
        Assert.Equal(["vpnls", "approach2", "approach3"], fits.Keys);
        foreach (string key in new[] { "E", "A", "B", "alpha", "beta", "n_opt_exponent", "d_opt_exponent", "G", "objective", "rss", "status", "reason" })
            Assert.True(fits["vpnls"].TryGetProperty(key, out _), $"vpnls lacks {key}");
        // Approach 2 fails on data without budgets: its numbers are null, not NaN, and the run still succeeds.
        Assert.Equal("failed", fits["approach2"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, fits["approach2"].GetProperty("n_opt_exponent").ValueKind);
        Assert.Equal(0, fits["approach2"].GetProperty("budgets_used").GetInt32());
        var allocations = root.GetProperty("allocations").EnumerateArray().ToList();
        Assert.Equal(4, allocations.Count);   // (vpnls, approach3) × 2 budgets
        JsonElement first = allocations[0];
        double n = first.GetProperty("N_opt").GetDouble(), d = first.GetProperty("D_opt").GetDouble();
        AssertRel.Equal(first.GetProperty("compute").GetDouble(), 6 * n * d, 1e-12, "C = 6·N*·D*");
        Assert.Equal(0, root.GetProperty("intervals").GetArrayLength());
        Assert.StartsWith("cpu", root.GetProperty("device").GetString());
    }

    [Fact]
    public void Out_WritesEveryFileAtomically_AndTheyReadBack()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, _, stderr) = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "32", "--a3-loss", "mse", "--out", dir, "--device", "cpu"));
        Assert.True(exit == 0, stderr);
        Assert.Equal(["allocations.parquet", "fits.parquet", "grid.parquet", "manifest.json", "parabolas.parquet", "points.parquet"],
                     Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray());

        var fits = ParquetReadBack.Columns(Path.Combine(dir, "fits.parquet"));
        Assert.Equal(["vpnls", "approach2", "approach3"], ((string?[])fits["method"]).Select(m => m ?? "(null)").ToArray());
        AssertRel.Near(0.310006, ((double?[])fits["alpha"])[0]!.Value, 1e-4, "vpnls alpha");
        AssertRel.Near(0.463221, ((double?[])fits["n_opt_exponent"])[1]!.Value, 1e-5, "approach2 a");
        Assert.Null(((double?[])fits["E"])[1]);   // Approach 2 has no surface
        AssertRel.Near(0.306766, ((double?[])fits["alpha"])[2]!.Value, 1e-4, "approach3 alpha");
        // A surface's derived intercept equals log10 of N*(C) − a·log10 C at any C.
        double a0 = ((double?[])fits["n_opt_intercept"])[0]!.Value, a = ((double?[])fits["n_opt_exponent"])[0]!.Value;
        var allocations = ParquetReadBack.Columns(Path.Combine(dir, "allocations.parquet"));
        double c0 = ((double?[])allocations["compute"])[0]!.Value, n0 = ((double?[])allocations["N_opt"])[0]!.Value;
        AssertRel.Near(Math.Log10(n0), a0 + a * Math.Log10(c0), 1e-9, "a0");

        var points = ParquetReadBack.Columns(Path.Combine(dir, "points.parquet"));
        Assert.Equal(133, points["row"].Length);
        Assert.Equal(7L, ((long[])points["row"])[0]);   // after 5 comment lines and the header: a number, as JSON's dropped_rows

        // Every grid cell is a feasible (α, β): none may beat the refined optimum.
        var grid = ParquetReadBack.Columns(Path.Combine(dir, "grid.parquet"));
        double[] objective = ((double?[])grid["objective"]).Select(v => v!.Value).ToArray();
        Assert.InRange(objective.Length, 150 * 150, 200 * 200);
        double rss = ((double?[])fits["rss"])[0]!.Value;
        Assert.True(objective.Min() >= rss * (1 - 1e-12), $"grid min {objective.Min()} < refined {rss}");
        AssertRel.Equal(rss, objective.Min(), 1e-2, "grid minimum near the optimum");

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Equal(64, manifest.RootElement.GetProperty("config_hash").GetString()!.Length);
        Assert.Contains($"\"version\": \"{ScalingGpu.Output.Manifest.ToolVersion}\"", File.ReadAllText(Path.Combine(dir, "manifest.json")));   // "+", not \u002B
        Assert.Equal(133, manifest.RootElement.GetProperty("row_counts").GetProperty("points.parquet").GetInt64());
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void RefitIntoTheSameOut_LeavesOnlyThatFitsFiles_AndNeverOverwritesItsInput()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var first = CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.05", "--bootstrap", "4", "--out", dir, "--plot", "--device", "cpu"));
        Assert.True(first.Exit == 0, first.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "resamples.parquet")));
        Assert.NotEmpty(Directory.GetFiles(dir, "bootstrap_vpnls_*.png"));
        var second = CliRunner.Run(CliRunner.Llama3Args("--method", "approach2", "--out", dir, "--device", "cpu"));
        Assert.True(second.Exit == 0, second.Stderr);
        // The bootstrap tables, the VPNLS grid and the figures of the first fit would describe a fit this folder no longer holds.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        string[] listed = manifest.RootElement.GetProperty("row_counts").EnumerateObject().Select(p => p.Name).Append("manifest.json").Order().ToArray();
        Assert.Equal(listed, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray());
        Assert.DoesNotContain("resamples.parquet", listed);

        // Fitting the folder's own points.parquet into it would replace the input while reading it.
        CliErrorTests.AssertOneLineError("input in --out", CliRunner.Run("fit", Path.Combine(dir, "points.parquet"), "--out", dir, "--device", "cpu"),
            ["would overwrite or remove its input", "points.parquet"]);
        // A report.md the user wrote (not a fit's report) and the images it links are the user's: a refit keeps them.
        File.WriteAllText(Path.Combine(dir, "report.md"), "# Notes\n![arch](diagram.png)\n![grid](isoflops.png)\n");
        File.WriteAllText(Path.Combine(dir, "diagram.png"), "");
        Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--method", "approach2", "--out", dir, "--device", "cpu")).Exit);
        Assert.True(File.Exists(Path.Combine(dir, "report.md")) && File.Exists(Path.Combine(dir, "diagram.png")));
        string link = dir + "-link";
        Directory.CreateSymbolicLink(link, dir);
        CliErrorTests.AssertOneLineError("input in --out through a link", CliRunner.Run("fit", Path.Combine(link, "points.parquet"), "--out", dir, "--device", "cpu"),
            ["would overwrite or remove its input"]);
    }

    /// <summary>
    /// fit, compare and sweep share no --out folder's contents: a comparison written where a fit was leaves only the
    /// comparison (and the user's own files), a fit where a comparison was leaves only the fit, an input the new run
    /// would overwrite or remove is refused, and a sweep's folder is refused.
    /// </summary>
    [Fact]
    public void FitAndCompare_ReplaceEachOthersFilesInOneOut_AndNeverTouchTheirInputsOrASweep()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out"), cs336 = TestData.PathOf("cs336_isoflops_synthetic.csv");
        string[] compare = ["compare", cs336, cs336, "--grid-step", "0.05", "--device", "cpu"];
        string[] Files() => Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.05", "--out", dir, "--plot", "--device", "cpu")).Exit);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        var run = CliRunner.Run([.. compare, "--out", dir, "--plot"]);
        Assert.True(run.Exit == 0, run.Stderr);
        Assert.Equal(["compare.parquet", "frontiers.parquet", "frontiers.png", "frontiers.svg", "manifest.json", "notes.txt", "report.md"], Files());
        Assert.StartsWith("# ScalingGpu comparison report", File.ReadAllText(Path.Combine(dir, "report.md")));

        Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.05", "--out", dir, "--device", "cpu")).Exit);
        Assert.Equal(["allocations.parquet", "fits.parquet", "grid.parquet", "manifest.json", "notes.txt", "points.parquet"], Files());

        // The earlier fit's points.parquet would be removed by a comparison written here, a data file named compare.parquet overwritten.
        CliErrorTests.AssertOneLineError("earlier file as input", CliRunner.Run("compare", Path.Combine(dir, "points.parquet"), cs336, "--out", dir),
            ["would overwrite or remove its input", "points.parquet"]);
        File.Copy(Path.Combine(dir, "points.parquet"), Path.Combine(dir, "compare.parquet"));
        CliErrorTests.AssertOneLineError("own output as input", CliRunner.Run("compare", Path.Combine(dir, "compare.parquet"), cs336, "--out", dir),
            ["would overwrite or remove its input", "compare.parquet"]);

        // Only the names fit and compare write are ever removed, whatever a manifest (another tool's, or edited) lists.
        foreach (string foreign in new[] { """{"dataset": "x", "row_counts": {"mydata.csv": 10}}""", """{"command": "fit", "row_counts": {"mydata.csv": 10, "..": 1}}""" })
        {
            File.WriteAllText(Path.Combine(dir, "mydata.csv"), "mine");
            File.WriteAllText(Path.Combine(dir, "manifest.json"), foreign);
            Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.05", "--out", dir, "--device", "cpu")).Exit);
            Assert.True(File.Exists(Path.Combine(dir, "mydata.csv")), foreign);
        }

        string blocked = Path.Combine(CliRunner.TempDir(), "blocked");
        Directory.CreateDirectory(Path.Combine(blocked, "manifest.json"));   // a folder where the manifest goes
        var failed = CliRunner.Run([.. compare, "--out", blocked]);   // found only when writing: exit 2 and one error line, no trace
        Assert.Equal(2, failed.Exit);
        Assert.StartsWith("error: --out", failed.Stderr.TrimEnd().Split('\n')[^1]);
        Assert.Contains("cannot write the results", failed.Stderr);
        Assert.DoesNotContain("   at ", failed.Stderr);

        string sweep = Path.Combine(CliRunner.TempDir(), "sweep");
        Directory.CreateDirectory(sweep);
        File.WriteAllText(Path.Combine(sweep, "manifest.json"), """{"command": "sweep", "config_hash": "abc"}""");
        CliErrorTests.AssertOneLineError("sweep folder", CliRunner.Run(CliRunner.Llama3Args("--out", sweep)), ["holds a sweep"]);
    }

    /// <summary>The JSON's fits and intervals carry exactly the keys and values of fits.parquet and intervals.parquet.</summary>
    [Fact]
    public void JsonFitsAndIntervals_EqualTheirParquetTables_KeyForKey()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, stdout, stderr) = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--grid-step", "0.05", "--a3-starts", "4", "--bootstrap", "4",
            "--json", "--out", dir, "--device", "cpu"));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        foreach (var (key, file) in new[] { ("fits", "fits.parquet"), ("intervals", "intervals.parquet") })
        {
            var table = ParquetReadBack.Columns(Path.Combine(dir, file));
            JsonElement[] rows = doc.RootElement.GetProperty(key).EnumerateArray().ToArray();
            Assert.Equal(table.First().Value.Length, rows.Length);
            for (int r = 0; r < rows.Length; r++)
            {
                Assert.Equal(table.Keys.Order(), rows[r].EnumerateObject().Select(p => p.Name).Order());
                foreach (var (column, values) in table)
                {
                    JsonElement json = rows[r].GetProperty(column);
                    object? expected = values.GetValue(r);
                    object? actual = json.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => json.GetString(),
                        _ when expected is long => json.GetInt64(),
                        _ => (object)json.GetDouble(),
                    };
                    Assert.True(Equals(expected, actual), $"{key}[{r}].{column}: Parquet {expected}, JSON {actual}");
                }
            }
        }
    }

    [Fact]
    public void Csv_QuotedFieldsMaySpanLines_AndRowsKeepTheLineTheyStartOn()
    {
        string path = Path.Combine(CliRunner.TempDir(), "runs.csv");
        File.WriteAllText(path, "N,D,loss,note\n1e8,2e9,3.1,\"first run,\nrestarted\"\n2e8,2e9,3.0,\n4e8,2e9,2.9,\"a \"\"quoted\"\" word\"\n8e8,2e9,2.85,\n1.6e9,2e9,2.83,\n");
        RunTable runs = RunTableReader.Read(path, new ColumnMap());
        Assert.Equal(5, runs.Count);
        Assert.Equal(["line 2", "line 4", "line 5", "line 6", "line 7"], runs.Rows);
        Assert.Equal([3.1, 3.0, 2.9, 2.85, 2.83], runs.Loss);
        // A quote inside an unquoted field is a character (12" seq), not the start of a field that swallows later rows.
        File.WriteAllText(path, "N,D,loss,note\n1e8,2e9,3.1,12\" seq\n2e8,2e9,3.0,\n4e8,2e9,2.9,8\" seq\n8e8,2e9,2.85,\n1.6e9,2e9,2.83,\n");
        Assert.Equal(5, RunTableReader.Read(path, new ColumnMap()).Count);
    }

    [Fact]
    public void HoldoutFit_ListsEveryInputRow_InPointsParquet_WithTheHeldOutOnesFlagged()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, _, stderr) = CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.05", "--holdout-above", "3e21", "--out", dir, "--device", "cpu"));
        Assert.True(exit == 0, stderr);
        var points = ParquetReadBack.Columns(Path.Combine(dir, "points.parquet"));
        Assert.Equal(133, points["row"].Length);
        bool[] held = (bool[])points["held_out"];
        double[] budget = ((double?[])points["budget"]).Select(b => b!.Value).ToArray();
        Assert.Equal(6, held.Count(h => h));   // the six 1e22 runs (HoldoutTests)
        Assert.All(Enumerable.Range(0, held.Length), i => Assert.Equal(budget[i] > 3e21, held[i]));
    }

    [Fact]
    public async Task ParquetInput_GivesTheSameFitAsCsv()
    {
        RunTable csv = TestData.Llama3();
        string path = Path.Combine(CliRunner.TempDir(), "llama3.parquet");
        await new ParquetTable("test input").Add("N", csv.Params).Add("D", csv.Tokens).Add("loss", csv.Loss).Add("budget", csv.Budget)
            .Add("dropped", csv.Params.Select((_, i) => i % 2 == 0 ? (bool?)true : null))   // an unused nullable flag must not stop the read
            .WriteAsync(path, new ParquetStamp("test", "none"));
        RunTable parquet = RunTableReader.Read(path, new ColumnMap(Budget: "budget"));
        Assert.Equal("row 1", parquet.Rows[0]);
        var options = VarProOptions.Default with { GridStep = 0.01 };
        SurfaceFit a = VarPro.Fit(csv, options, new HostDevice()), b = VarPro.Fit(parquet, options, new HostDevice());
        Assert.Equal(a.Surface, b.Surface);
    }

    [Fact]
    public void DropTopLoss_RemovesHighestLosses_TiesByRowOrder()
    {
        string path = Path.Combine(CliRunner.TempDir(), "runs.csv");
        File.WriteAllText(path, "N,D,loss\n1e8,1e9,3.0\n2e8,1e9,5.0\n3e8,1e9,2.0\n4e8,1e9,5.0\n5e8,1e9,2.5\n6e8,1e9,2.4\n7e8,1e9,2.3\n");
        RunTable runs = RunTableReader.Read(path, new ColumnMap(), dropTopLoss: 2);
        Assert.Equal(["line 3", "line 5"], runs.Dropped.Select(d => d.Row));
        Assert.Equal([1.2e18, 2.4e18], runs.Dropped.Select(d => d.Budget));   // C rounded, as a kept run's label: points.parquet no longer writes null
        Assert.Equal(5, runs.Count);
        Assert.DoesNotContain(5.0, runs.Loss);
    }
}
