using ScalingGpu.Fitting;

namespace ScalingGpu.Tests;

/// <summary>Approach 2 against the published power laws (DESIGN.md §2).</summary>
public sealed class Approach2ReferenceTests
{
    [Fact]
    public void Llama3_PowerLaw_MatchesPaper()
    {
        Approach2Fit fit = Approach2.Fit(TestData.Llama3());
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(10, fit.BudgetsUsed);
        AssertRel.Equal(0.463221, fit.A, 5e-6, "a");
        AssertRel.Equal(-0.254338, fit.A0, 5e-6, "a0");
        AssertRel.Equal(0.536779, fit.B, 5e-6, "b");
    }

    [Fact]
    public void Cs336_PowerLaw_MatchesAssignment()
    {
        Approach2Fit fit = Approach2.Fit(TestData.Cs336());
        // N* = 0.1332·C^0.5146, quoted to 3 significant digits after the leading one.
        AssertRel.Equal(0.5146, fit.A, 5e-4 / 0.5146, "exponent");
        AssertRel.Equal(0.1332, Math.Pow(10, fit.A0), 5e-4 / 0.1332, "coefficient");
    }

    /// <summary>
    /// Resampling points within curves (or deleting one, as the jackknife does) keeps each curve once, so the power law is
    /// the ordinary least-squares line through the resample's parabola vertices, as on the full data (each budget weighted
    /// 1; the mean multiplicity of the runs drawn, n_b over the distinct runs drawn, once weighted them at random). A curve
    /// drawn twice by a budgets resample counts as two equal points of the line.
    /// </summary>
    [Fact]
    public void ResampledPowerLaw_IsTheLineThroughTheVertices_EachBudgetWeightedByHowOftenItWasDrawn()
    {
        var runs = TestData.Llama3();
        var random = new Random(3);
        var weights = new double[runs.Count];
        foreach (var budget in Enumerable.Range(0, runs.Count).GroupBy(i => runs.Budget[i]))
        {
            int[] members = budget.ToArray();
            for (int k = 0; k < members.Length; k++) weights[members[random.Next(members.Length)]]++;
        }
        Approach2Fit fit = Approach2.Fit(runs, weights);
        BudgetParabola[] used = fit.Budgets.Where(b => b.Dropped is null).ToArray();
        Assert.All(used, b => Assert.Equal(1.0, b.Weight, 12));
        double[] deleteOne = Enumerable.Repeat(1.0, runs.Count).ToArray();
        deleteOne[5] = 0;
        Assert.All(Approach2.Fit(runs, deleteOne).Budgets, b => Assert.Equal(1.0, b.Weight));   // a jackknife row
        double[] x = used.Select(b => Math.Log10(b.Budget)).ToArray(), y = used.Select(b => Math.Log10(b.OptimalParams)).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        AssertRel.Equal(slope, fit.A, 1e-12, "a");
        AssertRel.Equal(intercept, fit.A0, 1e-12, "a0");

        // Budgets resampling: the first budget drawn twice, the last not at all.
        double[] budgets = runs.DistinctBudgets();
        double[] twice = runs.Budget.Select(b => b == budgets[0] ? 2.0 : b == budgets[^1] ? 0.0 : 1.0).ToArray();
        Approach2Fit drawn = Approach2.Fit(runs, twice, wholeCurves: true);
        BudgetParabola[] line = drawn.Budgets.Where(b => b.Dropped is null).ToArray();
        double[] xs = [.. line.Select(b => Math.Log10(b.Budget)), Math.Log10(line[0].Budget)];
        double[] ys = [.. line.Select(b => Math.Log10(b.OptimalParams)), Math.Log10(line[0].OptimalParams)];
        AssertRel.Equal(MathNet.Numerics.Fit.Line(xs, ys).B, drawn.A, 1e-12, "a with a budget drawn twice");
    }

    [Fact]
    public void Chinchilla_WithoutBudgets_ReportsFailedWithReason()
    {
        Approach2Fit fit = Approach2.Fit(TestData.Chinchilla());
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("budget", fit.Reason);
        Assert.True(double.IsNaN(fit.A));
    }
}
