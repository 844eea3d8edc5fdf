using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Tests;

/// <summary>Noise-free IsoFLOP data from known surfaces: VPNLS must recover the truth (DESIGN.md §2).</summary>
public sealed class VarProRecoveryTests
{
    static readonly IsoFlopDesign Design = new([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10);

    public static TheoryData<string, double, double, double, double, double, FitObjective> Surfaces()
    {
        var data = new TheoryData<string, double, double, double, double, double, FitObjective>();
        foreach (var objective in new[] { FitObjective.Mse, FitObjective.Huber })
        {
            data.Add("symmetric", 1.69, 400, 400, 0.31, 0.31, objective);
            data.Add("chinchilla", 1.69, 406.4, 410.7, 0.34, 0.28, objective);
            data.Add("peer asymmetric", 1.5, 200, 800, 0.5, 0.2, objective);
            data.Add("chinchilla off-grid", 1.69, 406.4, 410.7, 0.3417, 0.2813, objective);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Surfaces))]
    public void NoiseFreeIsoFlops_RecoversAllFiveParameters(string name, double e, double a, double b, double alpha, double beta, FitObjective objective)
    {
        var truth = new LossSurface(e, a, b, alpha, beta);
        RunTable runs = Design.Sample(truth);
        var options = VarProOptions.Default with { GridStep = 0.005, Objective = objective, Delta = 0.01 };
        SurfaceFit fit = VarPro.Fit(runs, options, new HostDevice());
        Assert.Equal(FitStatus.Converged, fit.Status);
        AssertRel.Equal(e, fit.Surface.E, 1e-6, $"{name} E");
        AssertRel.Equal(a, fit.Surface.A, 1e-6, $"{name} A");
        AssertRel.Equal(b, fit.Surface.B, 1e-6, $"{name} B");
        AssertRel.Equal(alpha, fit.Surface.Alpha, 1e-6, $"{name} alpha");
        AssertRel.Equal(beta, fit.Surface.Beta, 1e-6, $"{name} beta");
    }

    [Fact]
    public void NoiseFreeChinchilla_CoarseGridLandsOnTrueCell()
    {
        // DESIGN.md §2: 8 budgets 1e17..1e22 × 16 points, ±10×; the 0.01 grid alone hits α 0.34, β 0.28.
        var design = new IsoFlopDesign(IsoFlopDesign.GeomSpace(1e17, 1e22, 8), 16, Width: 10);
        SurfaceFit fit = VarPro.Fit(design.Sample(NamedSurfaces.Chinchilla), VarProOptions.Default with { GridStep = 0.01, Refine = false }, new HostDevice());
        AssertRel.Near(0.34, fit.Surface.Alpha, 1e-12, "alpha");
        AssertRel.Near(0.28, fit.Surface.Beta, 1e-12, "beta");
    }
}
