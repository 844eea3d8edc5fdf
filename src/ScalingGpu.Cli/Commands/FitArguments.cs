using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Cli.Commands;

/// <summary>The options of <c>fit</c> (DESIGN.md §4) and their translation into library requests; strings become enums here.</summary>
internal sealed class FitArguments
{
    public readonly Argument<string> Data = new("DATA") { Description = "CSV (lines starting with # are comments) or Parquet table of training runs." };
    readonly Option<string> paramsCol = Text("--params", "Column with parameter counts N (derived as C/(6D) when absent).", "N");
    readonly Option<string> tokensCol = Text("--tokens", "Column with training tokens D (derived as C/(6N) when absent).", "D");
    readonly Option<string> computeCol = Text("--compute", "Column with training FLOPs C (derived as 6ND when absent).", "C");
    readonly Option<string> lossCol = Text("--loss", "Column with the final loss.", "loss");
    readonly Option<string?> budgetCol = new("--budget") { Description = "Column with IsoFLOP budget labels (default: C rounded to 3 significant digits)." };
    readonly Option<string> method = MethodOption();
    readonly NameOption<FitObjective> objective = new("--objective", "VPNLS loss function.", FitNames.Objectives, FitObjective.Mse);
    readonly Option<double> delta = Number("--delta", "VPNLS Huber threshold δ (loss units).", 1e-3);
    readonly NameOption<LossSpace> space = new("--space", "VPNLS residuals on raw or log loss.", FitNames.Spaces, LossSpace.Raw);
    readonly Option<(double, double)?> alphaRange = Range("--alpha-range", "α bounds LO:HI for grid and refinement (default 0.01:0.99).");
    readonly Option<(double, double)?> betaRange = Range("--beta-range", "β bounds LO:HI for grid and refinement (default 0.01:0.99).");
    readonly Option<double> gridStep = Number("--grid-step", "VPNLS grid step for α and β.", 0.001);
    readonly NameOption<FitObjective> a3Loss = new("--a3-loss", "Approach 3 loss on log loss: huber (Epoch's recipe) or mse (LSE + log loss).", FitNames.Objectives, FitObjective.Huber);
    readonly Option<double> a3Delta = Number("--a3-delta", "Approach 3 Huber δ (log-loss units).", 1e-3);
    readonly Option<int?> a3Starts = new("--a3-starts") { Description = "Approach 3: L-BFGS from the best K of 4,500 grid starts, or 'all' (default: all for a fit, 16 per bootstrap resample).", CustomParser = ParseStarts };
    readonly Option<int> dropTop = new("--drop-top-loss") { Description = "Remove the K highest-loss rows before fitting (ties: earlier rows first).", DefaultValueFactory = _ => 0 };
    // No DefaultValueFactory: help would show the default as "1E+22|1E+24|3.8E+25", a form the parser refuses.
    readonly Option<double[]?> targets = new("--target-compute") { Description = "Budgets (FLOPs) for allocations N*, D*, L* and DCL (default: 1e22 1e24 3.8e25).", AllowMultipleArgumentsPerToken = true };
    readonly Option<int> bootstrap = new("--bootstrap") { Description = "Number of bootstrap resamples (0 = none).", DefaultValueFactory = _ => 0 };
    readonly NameOption<ResampleUnit> resample = new("--resample", "Resampling unit: points, within-budget or budgets (default: within-budget when the data have IsoFLOP budgets, else points).", BootstrapNames.Units);
    readonly Option<double> ci = Number("--ci", "Confidence level of the intervals.", 0.95);
    readonly NameOption<IntervalKind> interval = new("--interval", "Interval construction.", BootstrapNames.Intervals, IntervalKind.Percentile);
    readonly Option<ulong> seed = new("--seed") { Description = "Bootstrap seed, 0 … 2^64−1 (same seed, same resamples on every device).", DefaultValueFactory = _ => 0, CustomParser = ParseSeed };
    readonly NameOption<FitMethod> dclPlan = new("--dcl-plan", "Method whose allocation is priced by deadweight compute loss (vpnls, approach2, approach3).", FitNames.Methods);
    readonly NameOption<FitMethod> dclReference = new("--dcl-reference", "Surface that defines the true cost (vpnls or approach3).", FitNames.Methods) { HelpName = "approach3|vpnls" };
    readonly Option<double> price = Number("--price-per-gpu-hour", "Dollars per GPU hour for DCL.", 2.0);
    readonly Option<double> peak = Number("--peak-flops", "Peak FLOP/s per GPU (989e12: H100 dense BF16; the paper used 1979e12).", 989e12);
    readonly Option<double> mfu = Number("--mfu", "Model FLOPs utilisation.", 0.5);
    public readonly NameOption<DeviceKind> Device = new("--device", "Where grids run: auto (CUDA, then OpenCL GPU, then CPU), cpu, cuda, opencl.", CommandActions.Devices, DeviceKind.Auto);
    public readonly Option<string?> Out = new("--out") { Description = "Write fits, allocations, points, grid, bootstrap tables (Parquet) and manifest.json here." };
    public readonly Option<bool> Plot = new("--plot") { Description = "With --out: also render the figures (PNG + SVG) and report.md there." };
    public readonly Option<bool> Json = new("--json") { Description = "Print one JSON object on stdout instead of tables." };
    public readonly Option<bool> Verbose = new("--verbose") { Description = "Show stack traces of internal errors." };

    /// <summary>Every symbol, for the command; <paramref name="withDcl"/> false leaves out the DCL and pricing options (compare).</summary>
    public IEnumerable<Symbol> Symbols(bool withDcl = true) =>
    [
        Data, paramsCol, tokensCol, computeCol, lossCol, budgetCol, method, objective, delta, space, alphaRange, betaRange, gridStep,
        a3Loss, a3Delta, a3Starts, dropTop, targets, bootstrap, resample, ci, interval, seed,
        .. withDcl ? new Symbol[] { dclPlan, dclReference, price, peak, mfu } : [],
        Device, Out, Plot, Json, Verbose,
    ];

    public ColumnMap Columns(ParseResult p) => new(p.GetValue(paramsCol)!, p.GetValue(tokensCol)!, p.GetValue(computeCol)!, p.GetValue(lossCol)!, p.GetValue(budgetCol));

    public int DropTopLoss(ParseResult p) => p.GetValue(dropTop);

    public FitOptions Options(ParseResult p)
    {
        // A threshold δ of a loss that has none would be ignored without a word: refused like --ci without --bootstrap.
        if (Given(p, delta) && objective.Value(p) != FitObjective.Huber)
            throw new InputDataException("--delta is the Huber threshold of VPNLS: it needs --objective huber.");
        if (Given(p, a3Delta) && a3Loss.Value(p) != FitObjective.Huber)
            throw new InputDataException("--a3-delta is the Huber threshold of Approach 3: it needs --a3-loss huber (the default).");
        var (aLo, aHi) = p.GetValue(alphaRange) ?? DefaultRange;
        var (bLo, bHi) = p.GetValue(betaRange) ?? DefaultRange;
        return new FitOptions
        {
            Methods = p.GetValue(method) == "all" ? [FitMethod.Vpnls, FitMethod.Approach2, FitMethod.Approach3] : [ParseMethod(p.GetValue(method)!)],
            VarPro = new VarProOptions
            {
                AlphaLo = aLo, AlphaHi = aHi, BetaLo = bLo, BetaHi = bHi, GridStep = p.GetValue(gridStep),
                Objective = objective.Value(p), Delta = p.GetValue(delta), Space = space.Value(p),
            },
            Approach3 = new Approach3Options
            {
                Loss = a3Loss.Value(p),
                Delta = p.GetValue(a3Delta), Starts = p.GetValue(a3Starts),
            },
            TargetCompute = p.GetValue(targets) is { Length: > 0 } given ? given : new FitOptions().TargetCompute,   // absent reads as empty
            Heatmap = p.GetValue(Out) is not null,
        };
    }

    /// <summary>The bootstrap request, or null without <c>--bootstrap</c>.</summary>
    /// <exception cref="InputDataException">Bootstrap-only options without --bootstrap, or a negative count.</exception>
    public BootstrapOptions? Bootstrap(ParseResult p)
    {
        int resamples = p.GetValue(bootstrap);
        if (resamples < 0) throw new InputDataException($"--bootstrap must be ≥ 0; got {resamples}.");
        if (resamples == 0)
        {
            if (Given(p, resample) || Given(p, interval) || Given(p, seed) || Given(p, ci))
                throw new InputDataException("--resample, --interval, --seed and --ci need --bootstrap R (e.g. --bootstrap 1000).");
            return null;
        }
        return new BootstrapOptions
        {
            Resamples = resamples,
            Unit = resample.ValueOrNull(p),
            Level = p.GetValue(ci),
            Interval = interval.Value(p),
            Seed = p.GetValue(seed),
            Approach3Starts = p.GetValue(a3Starts) ?? 16,
        };
    }

    /// <summary>The DCL request, or null when neither --dcl-plan nor --dcl-reference is given.</summary>
    /// <exception cref="InputDataException">Only one of the two is given.</exception>
    public DclRequest? Dcl(ParseResult p)
    {
        FitMethod? plan = dclPlan.ValueOrNull(p), reference = dclReference.ValueOrNull(p);
        if (plan is null && reference is null)
        {
            if (Given(p, price) || Given(p, peak) || Given(p, mfu))
                throw new InputDataException("--price-per-gpu-hour, --peak-flops and --mfu price deadweight compute: they need --dcl-plan and --dcl-reference.");
            return null;
        }
        if (plan is null || reference is null)
            throw new InputDataException("--dcl-plan and --dcl-reference go together (e.g. --dcl-plan approach2 --dcl-reference vpnls).");
        return new DclRequest(plan.Value, reference.Value, new Pricing(p.GetValue(price), p.GetValue(peak), p.GetValue(mfu)));
    }

    // True when the user typed the option (a default value leaves an implicit result).
    static bool Given(ParseResult p, Option option) => p.GetResult(option) is { Implicit: false };

    static FitMethod ParseMethod(string name) => FitNames.TryParseMethod(name, out FitMethod method) ? method
        : throw new InputDataException($"unknown method '{name}'; use vpnls, approach2 or approach3.");

    static Option<string> Text(string name, string description, string fallback) => new(name) { Description = description, DefaultValueFactory = _ => fallback };

    static Option<double> Number(string name, string description, double fallback) => new(name) { Description = description, DefaultValueFactory = _ => fallback };

    // A method's name or "all", refused in the words NameOption uses for every other name.
    static Option<string> MethodOption()
    {
        string[] allowed = [.. FitNames.Methods.Names, "all"];
        var option = new Option<string>("--method") { Description = "Fitting method(s).", DefaultValueFactory = _ => "vpnls" };
        option.CompletionSources.Add(allowed);
        option.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string?>();
            if (!allowed.Contains(text)) result.AddError($"--method must be one of {string.Join(", ", allowed)}; got '{text}'");
        });
        return option;
    }

    static readonly (double, double) DefaultRange = (0.01, 0.99);

    // No DefaultValueFactory: help would show the default as "(0.01, 0.99)", a form the parser refuses.
    static Option<(double, double)?> Range(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "LO:HI",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            string[] parts = text.Split(':');
            if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
                                  && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi))
                return (lo, hi);
            result.AddError($"{name}: '{text}' is not a range LO:HI (e.g. 0.01:0.99)");
            return null;
        },
    };

    static ulong ParseSeed(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (SeedText.TryParse(text, out ulong seed)) return seed;
        result.AddError($"--seed must be an integer from 0 to {ulong.MaxValue}; got '{text}'");
        return 0;
    }

    static int? ParseStarts(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k > 0) return k;
        result.AddError($"--a3-starts must be a positive count or 'all'; got '{text}'");
        return null;
    }
}
