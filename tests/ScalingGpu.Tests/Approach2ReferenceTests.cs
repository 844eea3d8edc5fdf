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

    [Fact]
    public void Chinchilla_WithoutBudgets_ReportsFailedWithReason()
    {
        Approach2Fit fit = Approach2.Fit(TestData.Chinchilla());
        Assert.Equal(FitStatus.Failed, fit.Status);
        Assert.Contains("budget", fit.Reason);
        Assert.True(double.IsNaN(fit.A));
    }
}
