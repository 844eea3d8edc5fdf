using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Tests;

/// <summary>
/// The library's public entry points refuse what the CLI's parser never produces: nulls, integers cast to enums, a
/// method listed twice, and tables whose arrays change after they were checked.
/// </summary>
public sealed class LibraryGuardTests
{
    static readonly RunTable Runs = TestData.Llama3();
    static readonly FitOptions Coarse = new() { VarPro = VarProOptions.Default with { GridStep = 0.05 } };

    [Fact]
    public void Nulls_AreArgumentNullExceptions()
    {
        using var device = new HostDevice();
        Assert.Throws<ArgumentNullException>(() => Fitter.Fit(null!, Coarse, device));
        Assert.Throws<ArgumentNullException>(() => Fitter.Fit(Runs, null!, device));
        Assert.Throws<ArgumentNullException>(() => Fitter.Fit(Runs, Coarse, null!));
        Assert.Throws<ArgumentNullException>(() => Fitter.Fit(Runs, Coarse with { Methods = null! }, device));
        Assert.Throws<ArgumentNullException>(() => RunTable.FromArrays(null!, [1.0], [1.0]));
    }

    [Fact]
    public void UndefinedEnumValues_AndRepeatedMethods_AreInputDataExceptions_NamingTheOption()
    {
        static void Refused(string fragment, Action act) => Assert.Contains(fragment, Assert.Throws<InputDataException>(act).Message);
        Refused("--method", () => FitRequest.Validate(Runs, Coarse with { Methods = [(FitMethod)7] }));
        Refused("vpnls is given 2 times", () => FitRequest.Validate(Runs, Coarse with { Methods = [FitMethod.Vpnls, FitMethod.Approach2, FitMethod.Vpnls] }));
        Refused("--objective", () => FitRequest.Validate(Runs, Coarse with { VarPro = Coarse.VarPro with { Objective = (FitObjective)5 } }));
        Refused("--a3-loss", () => FitRequest.Validate(Runs, Coarse with { Methods = [FitMethod.Approach3], Approach3 = Approach3Options.Default with { Loss = (FitObjective)5 } }));
        Refused("--interval", () => FitRequest.Validate(Runs, Coarse, new BootstrapOptions { Interval = (IntervalKind)9 }));
        Refused("--resample", () => FitRequest.Validate(Runs, Coarse, new BootstrapOptions { Unit = (ResampleUnit)9 }));
    }

    [Fact]
    public void FromArrays_CopiesWhatItChecked_AndChecksBudgetsAndTheDerivedCompute()
    {
        double[] n = [1e8, 2e8, 4e8, 8e8, 1.6e9], d = [1e10, 1e10, 1e10, 1e10, 1e10], loss = [3.1, 3.0, 2.9, 2.85, 2.8];
        RunTable table = RunTable.FromArrays(n, d, loss);
        n[0] = -1;
        loss[1] = double.NaN;
        Assert.Equal(1e8, table.Params[0]);
        Assert.Equal(3.0, table.Loss[1]);
        Assert.Contains("column 'budget'", Assert.Throws<InputDataException>(() => RunTable.FromArrays(d, d, [.. loss[..1], 3.0, .. loss[2..]], [1, 1, 0, 1, 1])).Message);
        Assert.Contains("6·N·D", Assert.Throws<InputDataException>(() => RunTable.FromArrays([1e200, 1, 1, 1, 1], [1e200, 1, 1, 1, 1], [1.0, 1, 1, 1, 1])).Message);
        Assert.Empty(typeof(RunTable).GetConstructors());   // no unchecked tables from outside
    }
}
