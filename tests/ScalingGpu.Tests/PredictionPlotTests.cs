using ScalingGpu.Plots;

namespace ScalingGpu.Tests;

/// <summary>The holdout and compare figures render from real outputs, and report.md shows them with their tables.</summary>
public sealed class PredictionPlotTests
{
    [Fact]
    public void HoldoutFigure_ShowsTheHeldOutRunsAndTheirOwnParabolaMinimum()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "fit");
        var (exit, _, stderr) = CliRunner.Run(CliRunner.Llama3Args("--holdout-above", "3e21", "--grid-step", "0.02", "--bootstrap", "10", "--out", dir, "--plot", "--device", "cpu"));
        Assert.True(exit == 0, stderr);
        PlotTests.AssertRendered(Path.Combine(dir, "holdout.png"));
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("## Held-out runs", report);
        Assert.Contains("(holdout.png)", report);
        var plot = HoldoutPlots.HeldOut(OutputTable.TryRead(dir, "holdout.parquet")!, OutputTable.TryRead(dir, "fits.parquet")!, "llama3");
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>(), s => s.LegendText == "held-out runs, C = 1e22");
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>(), l => l.LegendText == "held-out runs' own parabola minimum");
    }

    [Fact]
    public void CompareFigure_DrawsBothFrontiers_AndThePlotCommandRerendersIt()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "compare");
        var (exit, _, stderr) = CliRunner.Run("compare", TestData.PathOf("cs336_isoflops_synthetic.csv"), TestData.PathOf("cs336_isoflops_synthetic.csv"),
            "--grid-step", "0.02", "--bootstrap", "10", "--out", dir, "--plot", "--device", "cpu");
        Assert.True(exit == 0, stderr);
        File.Delete(Path.Combine(dir, "frontiers.png"));
        Assert.Equal(0, CliRunner.Run("plot", dir).Exit);
        PlotTests.AssertRendered(Path.Combine(dir, "frontiers.png"));
        Assert.Contains("(frontiers.png)", File.ReadAllText(Path.Combine(dir, "report.md")));
        var plot = ComparePlots.Frontiers(OutputTable.TryRead(dir, "frontiers.parquet")!, OutputTable.TryRead(dir, "compare.parquet")!, "t");
        Assert.Equal(["A: vpnls L*(C) and band", "B: vpnls L*(C) and band"],
                     plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Select(s => s.LegendText).Order());
    }
}
