using ScalingGpu.Bootstrap;
using ScalingGpu.Plots;
using SkiaSharp;

namespace ScalingGpu.Tests;

/// <summary>Every plot kind renders from real outputs to a PNG that decodes, has the expected size and drawn content.</summary>
public sealed class PlotTests
{
    [Fact]
    public void FitPlots_RenderFromTheShippedData_WithTheFittedOptimumMarked()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "fit");
        var (exit, _, stderr) = CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "32", "--bootstrap", "40", "--target-compute", "1e24",
            "--grid-step", "0.01", "--out", dir, "--device", "cpu"));
        Assert.True(exit == 0, stderr);
        Assert.Equal(0, CliRunner.Run("plot", dir).Exit);

        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        foreach (string name in new[] { "isoflops", "objective_grid", "bootstrap_vpnls_alpha", "bootstrap_vpnls_beta", "bootstrap_vpnls_n_opt_exponent", "bootstrap_vpnls_N_opt_1e24", "bootstrap_approach2_D_opt_1e24" })
        {
            AssertRendered(Path.Combine(dir, name + ".png"));
            Assert.True(File.Exists(Path.Combine(dir, name + ".svg")), $"{name}.svg");
            Assert.Contains($"({name}.png)", report);
        }
        Assert.Contains("| vpnls | 0.60467 | 59.14", report);   // the table carries the fit (grid 0.01 + refinement = the published optimum)

        // The heatmap's marked optimum is the fitted (α, β): render it alone and find its legend text.
        var fits = OutputTable.TryRead(dir, "fits.parquet")!;
        var plot = FitPlots.Heatmap("llama3", OutputTable.TryRead(dir, "grid.parquet")!, fits.Numbers("alpha")[0], fits.Numbers("beta")[0], null, null);
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>(), s => s.LegendText == "optimum α 0.3100, β 0.3136");
    }

    [Fact]
    public void IsoFlopPlot_MarksEachSurfacesNStarAtTheFittedAllocation()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "fit");
        Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--grid-step", "0.01", "--out", dir, "--device", "cpu")).Exit);
        var fits = OutputTable.TryRead(dir, "fits.parquet")!;
        var plot = FitPlots.IsoFlops(OutputTable.TryRead(dir, "points.parquet")!, fits, null, "llama3");
        var optimum = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText.StartsWith("vpnls"));
        var surface = new ScalingGpu.Models.LossSurface(fits.Numbers("E")[0], fits.Numbers("A")[0], fits.Numbers("B")[0], fits.Numbers("alpha")[0], fits.Numbers("beta")[0]);
        var first = optimum.Data.GetScatterPoints()[0];
        AssertRel.Near(Math.Log10(surface.OptimalParams(6e18)), first.X, 1e-12, "N* at the lowest budget");
        AssertRel.Near(surface.OptimalLoss(6e18), first.Y, 1e-12, "L* at the lowest budget");
    }

    [Fact]
    public void SweepPlot_RendersErrorAgainstWidth()
    {
        string dir = CliRunner.TempDir(), outDir = Path.Combine(dir, "out");
        File.Copy(Path.Combine(TestData.RepoRoot, "configs", "quickstart.yaml"), Path.Combine(dir, "q.yaml"));
        Assert.Equal(0, CliRunner.Run("sweep", Path.Combine(dir, "q.yaml"), "--out", outDir, "--device", "cpu").Exit);
        Assert.Equal(0, CliRunner.Run("plot", outDir).Exit);
        AssertRendered(Path.Combine(outDir, "error_vs_design.png"));
        Assert.Contains("| approach2 | asymmetric | 4 |", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void EachMethod_HasOneColourAndMarker_InEveryFigure()
    {
        string fitDir = Path.Combine(CliRunner.TempDir(), "fit");
        Assert.Equal(0, CliRunner.Run(CliRunner.Llama3Args("--method", "all", "--a3-starts", "8", "--grid-step", "0.02", "--out", fitDir, "--device", "cpu")).Exit);
        var isoflops = FitPlots.IsoFlops(OutputTable.TryRead(fitDir, "points.parquet")!, OutputTable.TryRead(fitDir, "fits.parquet")!, OutputTable.TryRead(fitDir, "parabolas.parquet"), "llama3");
        string sweepDir = CliRunner.TempDir(), outDir = Path.Combine(sweepDir, "out");
        File.Copy(Path.Combine(TestData.RepoRoot, "configs", "quickstart.yaml"), Path.Combine(sweepDir, "q.yaml"));
        Assert.Equal(0, CliRunner.Run("sweep", Path.Combine(sweepDir, "q.yaml"), "--out", outDir, "--device", "cpu").Exit);
        var sweep = SweepPlots.ErrorVsDesign(SweepTable.Read(outDir), "quickstart");
        foreach (string method in new[] { "vpnls", "approach2" })
        {
            var inFit = isoflops.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText.StartsWith(method));
            var inSweep = sweep.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s.LegendText.StartsWith(method)).ToList();
            Assert.Equal(2, inSweep.Count);   // one line per surface
            Assert.All(inSweep, s => Assert.Equal(inFit.MarkerFillColor, s.MarkerFillColor));
            Assert.Equal(PlotStyle.MethodColor(method), inFit.MarkerFillColor);
            Assert.Equal(PlotStyle.MethodMarker(method), inFit.MarkerShape);
        }
        // Approach 2's minima come from parabolas.parquet, as fitted: the same vertices as a fresh fit of the data.
        var vertices = isoflops.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText.StartsWith("approach2")).Data.GetScatterPoints();
        var fitted = ScalingGpu.Fitting.Approach2.Fit(TestData.Llama3()).Budgets.Where(p => p.Dropped is null).ToList();
        Assert.Equal(fitted.Count, vertices.Count);
        for (int k = 0; k < fitted.Count; k++) AssertRel.Near(Math.Log10(fitted[k].OptimalParams), vertices[k].X, 1e-12, $"vertex {k}");
        Assert.NotEqual(PlotStyle.MethodColor("vpnls"), PlotStyle.MethodColor("approach2"));
    }

    [Fact]
    public void PlotOfAnUnfinishedSweep_WarnsWithTheRecordCounts()
    {
        string dir = CliRunner.TempDir(), outDir = Path.Combine(dir, "out"), config = Path.Combine(dir, "q.yaml");
        File.Copy(Path.Combine(TestData.RepoRoot, "configs", "quickstart.yaml"), config);
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", outDir, "--device", "cpu").Exit);
        var (exit, _, complete) = CliRunner.Run("plot", outDir);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("incomplete", complete);
        // As a killed run leaves it: one job's part missing (quickstart: 8 jobs × 2 methods × 1 record).
        File.Delete(Path.Combine(outDir, "records", "method=vpnls", "part-000003.parquet"));
        (exit, _, string partial) = CliRunner.Run("plot", outDir);
        Assert.Equal(0, exit);
        Assert.Contains("warning: incomplete sweep: 15 of the 16 records", partial);
        Assert.Contains("--resume", partial);
        Assert.Contains("**Warning: incomplete sweep: 15 of the 16 records", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void SweepLabels_ThatAreNotMethodNames_EachGetTheirOwnColourAndMarker()
    {
        // Variants of one method (or a label that names no method) must stay apart in one figure; method names keep theirs.
        var styles = PlotStyle.SeriesStyles(["vpnls_log", "approach2", "vpnls", "vpnls_a3", "vpnls-huber", "vpnls"]);
        Assert.Equal(5, styles.Count);
        Assert.Equal((PlotStyle.MethodColor("vpnls"), PlotStyle.MethodMarker("vpnls")), styles["vpnls"]);
        Assert.Equal((PlotStyle.MethodColor("approach2"), PlotStyle.MethodMarker("approach2")), styles["approach2"]);
        Assert.Equal(styles.Count, styles.Values.Select(v => v.Color).Distinct().Count());
        Assert.Equal(styles.Count, styles.Values.Select(v => v.Marker).Distinct().Count());
    }

    [Fact]
    public void CiSweepPlot_DrawsCoverageAndWidthOfNStarAgainstTheSweptDimension_OneLinePerMethod()
    {
        string dir = CliRunner.TempDir(), outDir = Path.Combine(dir, "out"), config = Path.Combine(dir, "ci.yaml");
        File.WriteAllText(config, "name: ci\nseed: 4\nsurfaces: [chinchilla]\ndesign:\n  budgets: [1e17, 1e18, 1e19]\n  points_per_budget: [5, 8]\n  noise: 0.01\n" +
                                  "replicates: 6\nmethods: [approach2, {vpnls: {grid_step: 0.05}}]\nbootstrap: {resamples: 12}\n");
        Assert.Equal(0, CliRunner.Run("sweep", config, "--out", outDir, "--device", "cpu").Exit);
        Assert.Equal(0, CliRunner.Run("plot", outDir).Exit);
        AssertRendered(Path.Combine(outDir, "coverage_vs_design.png"));
        AssertRendered(Path.Combine(outDir, "width_vs_design.png"));

        // The plotted coverage of VPNLS at 8 points per curve is the share of its N* rows marked covered in the Parquet part.
        var rows = ParquetReadBack.Columns(Path.Combine(outDir, "intervals", "method=vpnls", "part-000001.parquet"));
        int[] nStar = Enumerable.Range(0, rows["quantity"].Length).Where(i => (string?)rows["quantity"].GetValue(i) == "N_opt").ToArray();
        double expected = nStar.Average(i => (bool)rows["covered"].GetValue(i)! ? 1.0 : 0.0);
        var plot = IntervalPlots.Coverage(IntervalTable.TryRead(outDir)!, QuantityKind.NOpt);
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(["approach2", "vpnls"], lines.Select(l => l.LegendText).Order());
        var point = lines.Single(l => l.LegendText == "vpnls").Data.GetScatterPoints().Single(p => Math.Abs(p.X - Math.Log10(8)) < 1e-12);
        Assert.Equal(expected, point.Y, 12);
    }

    [Fact]
    public void Heatmap_OfAnExactFit_WhoseObjectiveReachesZero_Renders()
    {
        // CS336's synthetic curves are noise-free: the best cells' objective is 0 to rounding.
        string dir = Path.Combine(CliRunner.TempDir(), "fit");
        Assert.Equal(0, CliRunner.Run("fit", TestData.PathOf("cs336_isoflops_synthetic.csv"), "--grid-step", "0.01", "--out", dir, "--plot", "--device", "cpu").Exit);
        AssertRendered(Path.Combine(dir, "objective_grid.png"));
        AssertRendered(Path.Combine(dir, "isoflops.png"));
    }

    [Fact]
    public void PlotOfAnEmptyDirectory_IsExit2()
    {
        var (exit, _, stderr) = CliRunner.Run("plot", CliRunner.TempDir());
        Assert.Equal(2, exit);
        Assert.Contains("nothing to plot", stderr);
    }

    internal static void AssertRendered(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((PlotStyle.Width, PlotStyle.Height), (bitmap.Width, bitmap.Height));
        // Drawn content: many distinct colours, and not almost all background.
        var colours = new HashSet<uint>();
        int nonWhite = 0;
        for (int y = 0; y < bitmap.Height; y += 3)
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                SKColor c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240) nonWhite++;
            }
        Assert.True(colours.Count > 20, $"{png}: only {colours.Count} colours");
        Assert.True(nonWhite > 2000, $"{png}: only {nonWhite} drawn samples");
    }
}
