using ScalingGpu.Data;
using ScalingGpu.Fitting;

namespace ScalingGpu.Bootstrap;

/// <summary>
/// A fit request checked once (docs/architecture.md): the runs, the options, the bootstrap with its resample plan on these
/// runs, and the DCL request. Only <see cref="Validate"/> makes one, so the fits, the bootstrap, DCL and the writers below
/// it take it as it is and check nothing again.
/// </summary>
public sealed class FitRequest
{
    // 2.5e8 doubles (2 GB) per axis table: far past any useful grid, well inside an array's length.
    const double MaxTableValues = 2.5e8;

    FitRequest(RunTable runs, FitOptions options, BootstrapOptions? bootstrap, DclRequest? dcl, ResamplePlan? plan)
    {
        Runs = runs;
        Options = options;
        Bootstrap = bootstrap;
        Dcl = dcl;
        Plan = plan;
        Methods = dcl is null ? options.Methods : options.Methods.Union([dcl.Plan, dcl.Reference]).Order().ToList();
    }

    /// <summary>The runs to fit (held-out runs of a backtest are not among them).</summary>
    public RunTable Runs { get; }

    /// <summary>The options as requested (the manifest records these methods).</summary>
    public FitOptions Options { get; }

    /// <summary>The methods fitted: <see cref="FitOptions.Methods"/> in request order, or, with a DCL request, those and its plan and reference in <see cref="FitMethod"/> order.</summary>
    public IReadOnlyList<FitMethod> Methods { get; }

    /// <summary>Budgets (FLOPs) of the allocations, intervals and DCL.</summary>
    public IReadOnlyList<double> Targets => Options.TargetCompute;

    /// <summary>The bootstrap, or null.</summary>
    public BootstrapOptions? Bootstrap { get; }

    /// <summary>The DCL request, or null.</summary>
    public DclRequest? Dcl { get; }

    /// <summary>The bootstrap's resampling rule on <see cref="Runs"/> (null without a bootstrap).</summary>
    internal ResamplePlan? Plan { get; }

    /// <summary>
    /// Checks every option against the others and against <paramref name="runs"/> (a resampling unit needs the budgets it
    /// resamples) before any computing starts.
    /// </summary>
    /// <exception cref="InputDataException">An option is invalid; the message names it (as the CLI spells it).</exception>
    public static FitRequest Validate(RunTable runs, FitOptions options, BootstrapOptions? bootstrap = null, DclRequest? dcl = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        dcl?.Validate();
        options.Validate();
        // Each axis's power table holds values × runs doubles, in one array.
        double tableValues = Math.Max(options.VarPro.AlphaAxis.Count, options.VarPro.BetaAxis.Count) * runs.Count;
        if (options.Methods.Contains(FitMethod.Vpnls) && tableValues > MaxTableValues)
            throw new InputDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"--grid-step {options.VarPro.GridStep:G3} with {runs.Count} runs needs power tables of {tableValues:G3} values (grid values on one axis × runs), more than 2.5e8; use a larger step or narrow --alpha-range/--beta-range."));
        ResamplePlan? plan = null;
        if (bootstrap is not null)
        {
            bootstrap.Validate();
            plan = ResamplePlan.For(runs, bootstrap.UnitFor(runs));
        }
        return new FitRequest(runs, options, bootstrap, dcl, plan);
    }
}
