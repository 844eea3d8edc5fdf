using System.Text.Json;
using ScalingGpu.Output;

namespace ScalingGpu.Tests;

/// <summary><c>fit --predict FILE</c> on Llama 3: point and compute-optimal rows, CSV and Parquet, and bad files.</summary>
public sealed class PredictTests
{
    static string Write(string name, string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    static JsonElement[] Predictions(params string[] options)
    {
        var (exit, stdout, stderr) = CliRunner.Run(CliRunner.Llama3Args([.. options, "--json", "--device", "cpu"]));
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("predictions").EnumerateArray().Select(e => e.Clone())
            .Concat(doc.RootElement.GetProperty("fits").EnumerateArray().Select(e => e.Clone()))
            .Concat(doc.RootElement.GetProperty("allocations").EnumerateArray().Select(e => e.Clone())).ToArray();
    }

    [Fact]
    public async Task PointRows_FromParquet_AreTheFittedSurfaceAtNAndD()
    {
        string path = Path.Combine(CliRunner.TempDir(), "targets.parquet");
        await new ParquetTable("one row per target").Add("N", [1e10, 4e11]).Add("D", [2e11, 8e12]).WriteAsync(path, new ParquetStamp("test", "none"));
        JsonElement[] all = Predictions("--predict", path);
        JsonElement fit = all.Single(e => e.TryGetProperty("rss", out _));
        double E = fit.GetProperty("E").GetDouble(), A = fit.GetProperty("A").GetDouble(), B = fit.GetProperty("B").GetDouble();
        double alpha = fit.GetProperty("alpha").GetDouble(), beta = fit.GetProperty("beta").GetDouble();
        JsonElement[] rows = all.Where(e => e.TryGetProperty("predicted", out _)).ToArray();
        Assert.Equal(2, rows.Length);
        foreach (JsonElement row in rows)
        {
            Assert.Equal("point", row.GetProperty("target").GetString());
            double n = row.GetProperty("N").GetDouble(), d = row.GetProperty("D").GetDouble();
            AssertRel.Equal(E + A * Math.Pow(n, -alpha) + B * Math.Pow(d, -beta), row.GetProperty("predicted").GetDouble(), 1e-12, "L(N, D)");
            AssertRel.Equal(6 * n * d, row.GetProperty("C").GetDouble(), 1e-12, "C");
            Assert.Equal(JsonValueKind.Null, row.GetProperty("pi_lo").ValueKind);
        }
    }

    [Fact]
    public void ComputeRows_AreEachMethodsOptimalLoss_WithConfidenceInsidePrediction()
    {
        JsonElement[] all = Predictions("--predict", Write("budgets.csv", "# budgets\nc\n1e24\n3.8e25\n"), "--method", "all", "--a3-starts", "4",
            "--grid-step", "0.02", "--target-compute", "1e24", "3.8e25", "--bootstrap", "20", "--ci", "0.9");
        JsonElement[] rows = all.Where(e => e.TryGetProperty("predicted", out _)).ToArray();
        Assert.Equal(["approach3", "approach3", "vpnls", "vpnls"], rows.Select(r => r.GetProperty("method").GetString()).Order());
        foreach (JsonElement row in rows)
        {
            JsonElement allocation = all.Single(a => a.TryGetProperty("L_opt", out _) && a.GetProperty("method").GetString() == row.GetProperty("method").GetString()
                                                     && a.GetProperty("compute").GetDouble() == row.GetProperty("C").GetDouble());
            Assert.Equal("compute_optimal", row.GetProperty("target").GetString());
            AssertRel.Equal(allocation.GetProperty("L_opt").GetDouble(), row.GetProperty("predicted").GetDouble(), 1e-12, "L*");
            AssertRel.Equal(allocation.GetProperty("N_opt").GetDouble(), row.GetProperty("N").GetDouble(), 1e-12, "N*");
            double V(string key) => row.GetProperty(key).GetDouble();
            Assert.True(V("pi_lo") < V("ci_lo") && V("ci_hi") < V("pi_hi"), $"{row}: CI not inside PI");
            Assert.Equal(0.9, V("level"));
            Assert.Equal(20, row.GetProperty("resamples").GetInt32() + row.GetProperty("resamples_failed").GetInt32());
        }
    }

    [Fact]
    public void PredictionInterval_ContainsTheConfidenceInterval_AlsoUnderBca_FarFromTheData()
    {
        // BCa corrects the two intervals' ends separately: at 1e15 FLOPs it once put pi_lo above ci_lo.
        JsonElement[] rows = Predictions("--predict", Write("far.csv", "C\n1e15\n1e18\n1e22\n1e26\n1e30\n"), "--grid-step", "0.01",
            "--bootstrap", "200", "--interval", "bca").Where(e => e.TryGetProperty("predicted", out _)).ToArray();
        Assert.Equal(5, rows.Length);
        foreach (JsonElement row in rows)
        {
            double V(string key) => row.GetProperty(key).GetDouble();
            Assert.True(V("pi_lo") <= V("ci_lo") && V("ci_lo") <= V("ci_hi") && V("ci_hi") <= V("pi_hi"), $"{row}: CI not inside PI");
        }
    }

    [Theory]
    [InlineData("params,tokens\n1e9,2e10\n", "needs columns 'N' and 'D'", "params, tokens")]
    [InlineData("N,flops\n1e9,2e20\n", "needs columns 'N' and 'D'", "N, flops")]
    [InlineData("N,D\n1e9,-2\n", "line 2, column 'D'", "finite and > 0")]
    [InlineData("C\n", "no rows", "targets.csv")]
    [InlineData("N,D\n1e9,\"2e10\n", "never closed", "targets.csv line 2")]
    [InlineData("N,D,C\n1e9,2e10,0\n", "line 2, column 'C'", "finite and > 0")]
    [InlineData("N,D\n1e300,1e300\n", "C = 6·N·D overflows", "check the units")]
    [InlineData("N,D\nabc,2e10\n", "is not a number", "column 'N'")]
    [InlineData("D,C\n1e-300,1e300\n", "N = C/(6·D)", "finite and > 0")]
    public void BadPredictFile_IsExit2_NothingWritten(string csv, string fragment, string detail)
    {
        string outDir = Path.Combine(CliRunner.TempDir(), "out");
        CliErrorTests.AssertOneLineError(fragment, CliRunner.Run(CliRunner.Llama3Args("--predict", Write("targets.csv", csv), "--out", outDir)),
            ["--predict", fragment, detail]);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void PointRows_WithACColumn_ReportTheFilesBudget_AndPredictFromNAndD()
    {
        JsonElement[] rows = Predictions("--predict", Write("runs.csv", "N,D,C\n1e10,2e11,1.3e22\n1e10,2e11,1.2e22\n"), "--grid-step", "0.02")
            .Where(e => e.TryGetProperty("predicted", out _)).ToArray();
        Assert.Equal([1.3e22, 1.2e22], rows.Select(r => r.GetProperty("C").GetDouble()));
        Assert.Equal([2, 3], rows.Select(r => r.GetProperty("row").GetInt32()));   // the file's lines, as numbers
        Assert.Equal(rows[0].GetProperty("predicted").GetDouble(), rows[1].GetProperty("predicted").GetDouble());
    }

    [Fact]
    public void PointRows_FromNAndC_OrDAndC_DeriveTheOtherFromSixND()
    {
        double[] Predicted(string csv) => Predictions("--predict", Write("runs.csv", csv), "--grid-step", "0.02")
            .Where(e => e.TryGetProperty("predicted", out _)).Select(r => r.GetProperty("predicted").GetDouble()).ToArray();
        double[] direct = Predicted("N,D\n1e9,2e10\n");
        Assert.Equal(direct[0], Predicted("N,C\n1e9,1.2e20\n")[0], 12);
        Assert.Equal(direct[0], Predicted("D,C\n2e10,1.2e20\n")[0], 12);
    }

    [Fact]
    public void MissingPredictFile_OrAFolder_IsExit2_NamingTheOption()
    {
        CliErrorTests.AssertOneLineError("missing", CliRunner.Run(CliRunner.Llama3Args("--predict", Path.Combine(CliRunner.TempDir(), "none.csv"))),
            ["--predict", "none.csv", "not found"]);
        CliErrorTests.AssertOneLineError("folder", CliRunner.Run(CliRunner.Llama3Args("--predict", CliRunner.TempDir())), ["--predict", "is a folder"]);
    }

    [Fact]
    public void PredictWithApproach2Only_IsExit2() =>
        CliErrorTests.AssertOneLineError("approach2 only", CliRunner.Run(CliRunner.Llama3Args("--predict", Write("t.csv", "C\n1e24\n"), "--method", "approach2")),
            ["--predict", "loss surface"]);
}
