using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Tests;

/// <summary>Deadweight compute loss of Approach 2's Llama 3 plan (DESIGN.md §2, the paper's cost estimate).</summary>
public sealed class DclReferenceTests
{
    static readonly Pricing PaperPricing = new(PricePerGpuHour: 2.0, PeakFlops: 1979e12, Mfu: 0.5);

    [Fact]
    public void Llama3_Approach2Plan_AgainstVpnls_Is6Point30Percent()
    {
        var options = new FitOptions { Methods = [FitMethod.Vpnls], TargetCompute = [3.8e25] };
        FitReport report = Fitter.Fit(TestData.Llama3(), options, new HostDevice(), dcl: new DclRequest(FitMethod.Approach2, FitMethod.Vpnls, PaperPricing));
        DclEstimate fixedRow = report.Dcl.Single(d => d.Variant == DclVariant.FixedReference);
        AssertRel.Near(6.30, fixedRow.Percent, 0.005, "percent");
        AssertRel.Near(1.344e6, fixedRow.Dollars, 0.0005e6, "dollars");
        Assert.True(double.IsNaN(fixedRow.LoPercent));   // no bootstrap, no interval
    }

    [Fact]
    public void Llama3_Approach2Plan_AgainstApproach3Mse_Is6Point53Percent()
    {
        var options = new FitOptions { Methods = [FitMethod.Approach3], Approach3 = new Approach3Options { Loss = FitObjective.Mse, Starts = 256 }, TargetCompute = [3.8e25] };
        FitReport report = Fitter.Fit(TestData.Llama3(), options, new HostDevice(), dcl: new DclRequest(FitMethod.Approach2, FitMethod.Approach3, PaperPricing));
        DclEstimate row = report.Dcl.First();
        AssertRel.Near(6.53, row.Percent, 0.005, "percent");
        AssertRel.Equal(2.480e24, row.Flops, 0.0005 / 2.48, "FLOPs");
        AssertRel.Near(1.392e6, row.Dollars, 0.0005e6, "dollars");
    }

    [Fact]
    public void Dcl_OfTheReferencesOwnPlan_IsZero_AndGrowsWithMisallocation()
    {
        LossSurface s = NamedSurfaces.Chinchilla;
        const double c = 1e23;
        AssertRel.Near(0, DeadweightCompute.Percent(s, c, s.OptimalParams(c), s.OptimalTokens(c)), 1e-9, "optimal plan");
        double n = s.OptimalParams(c);
        double twice = DeadweightCompute.Percent(s, c, 2 * n, c / (6 * 2 * n)), thrice = DeadweightCompute.Percent(s, c, 3 * n, c / (6 * 3 * n));
        Assert.True(twice > 0 && thrice > twice, $"{twice} {thrice}");
    }
}
