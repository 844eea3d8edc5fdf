using System.CommandLine;
using System.Globalization;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu fit DATA</c>: parse options into a request, call the library, print or write the results.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var data = new Argument<string>("DATA") { Description = "CSV (lines starting with # are comments) or Parquet table of training runs." };
        var paramsCol = new Option<string>("--params") { Description = "Column with parameter counts N (derived as C/(6D) when absent).", DefaultValueFactory = _ => "N" };
        var tokensCol = new Option<string>("--tokens") { Description = "Column with training tokens D (derived as C/(6N) when absent).", DefaultValueFactory = _ => "D" };
        var computeCol = new Option<string>("--compute") { Description = "Column with training FLOPs C (derived as 6ND when absent).", DefaultValueFactory = _ => "C" };
        var lossCol = new Option<string>("--loss") { Description = "Column with the final loss.", DefaultValueFactory = _ => "loss" };
        var budgetCol = new Option<string?>("--budget") { Description = "Column with IsoFLOP budget labels (default: C rounded to 3 significant digits)." };
        var method = Choice("--method", "Fitting method(s).", "vpnls", "vpnls", "approach2", "approach3", "all");
        var objective = Choice("--objective", "VPNLS loss function.", "mse", "mse", "huber");
        var delta = new Option<double>("--delta") { Description = "VPNLS Huber threshold δ (loss units).", DefaultValueFactory = _ => 1e-3 };
        var space = Choice("--space", "VPNLS residuals on raw or log loss.", "raw", "raw", "log");
        var alphaRange = new Option<(double, double)>("--alpha-range") { Description = "α bounds LO:HI for grid and refinement.", DefaultValueFactory = _ => (0.01, 0.99), CustomParser = RangeParser("--alpha-range") };
        var betaRange = new Option<(double, double)>("--beta-range") { Description = "β bounds LO:HI for grid and refinement.", DefaultValueFactory = _ => (0.01, 0.99), CustomParser = RangeParser("--beta-range") };
        var gridStep = new Option<double>("--grid-step") { Description = "VPNLS grid step for α and β.", DefaultValueFactory = _ => 0.001 };
        var a3Loss = Choice("--a3-loss", "Approach 3 loss on log loss: huber (Epoch's recipe) or mse (LSE + log loss).", "huber", "huber", "mse");
        var a3Delta = new Option<double>("--a3-delta") { Description = "Approach 3 Huber δ (log-loss units).", DefaultValueFactory = _ => 1e-3 };
        var a3Starts = new Option<int?>("--a3-starts") { Description = "Approach 3: L-BFGS from the best K of 4,500 grid starts, or 'all'.", CustomParser = ParseStarts };
        var dropTop = new Option<int>("--drop-top-loss") { Description = "Remove the K highest-loss rows before fitting (ties: earlier rows first).", DefaultValueFactory = _ => 0 };
        var targets = new Option<double[]>("--target-compute") { Description = "Budgets (FLOPs) for allocations N*, D*, L*.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1e22, 1e24, 3.8e25] };
        var device = Choice("--device", "Where grids run: auto (CUDA, then OpenCL GPU, then CPU), cpu, cuda, opencl.", "auto", "auto", "cpu", "cuda", "opencl");
        var outDir = new Option<string?>("--out") { Description = "Write fits, allocations, points, grid (Parquet) and manifest.json into this directory." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout instead of tables." };
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of internal errors." };

        var command = new Command("fit", "Fit scaling-law surfaces and IsoFLOP power laws to a table of training runs.")
        {
            data, paramsCol, tokensCol, computeCol, lossCol, budgetCol, method, objective, delta, space, alphaRange, betaRange, gridStep,
            a3Loss, a3Delta, a3Starts, dropTop, targets, device, outDir, json, verbose,
        };
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            try
            {
                var columns = new ColumnMap(parse.GetValue(paramsCol)!, parse.GetValue(tokensCol)!, parse.GetValue(computeCol)!, parse.GetValue(lossCol)!, parse.GetValue(budgetCol));
                var (aLo, aHi) = parse.GetValue(alphaRange);
                var (bLo, bHi) = parse.GetValue(betaRange);
                var options = new FitOptions
                {
                    Methods = Methods(parse.GetValue(method)!),
                    VarPro = new VarProOptions
                    {
                        AlphaLo = aLo, AlphaHi = aHi, BetaLo = bLo, BetaHi = bHi, GridStep = parse.GetValue(gridStep),
                        Objective = parse.GetValue(objective) == "huber" ? FitObjective.Huber : FitObjective.Mse,
                        Delta = parse.GetValue(delta), Space = parse.GetValue(space) == "log" ? LossSpace.Log : LossSpace.Raw,
                    },
                    Approach3 = new Approach3Options
                    {
                        Loss = parse.GetValue(a3Loss) == "mse" ? FitObjective.Mse : FitObjective.Huber,
                        Delta = parse.GetValue(a3Delta), Starts = parse.GetValue(a3Starts),
                    },
                    TargetCompute = parse.GetValue(targets)!,
                    Heatmap = parse.GetValue(outDir) is not null,
                };
                options.Validate();
                string path = parse.GetValue(data)!;
                int drop = parse.GetValue(dropTop);
                RunTable runs = RunTableReader.Read(path, columns, drop);
                string? directory = parse.GetValue(outDir);
                if (directory is not null) FitFiles.EnsureWritable(directory);

                var skipped = new List<string>();
                using IComputeDevice compute = DeviceSelector.Select(Enum.Parse<DeviceKind>(parse.GetValue(device)!, ignoreCase: true), skipped);
                stderr.WriteLine($"scalinggpu: device {compute.Name}{(skipped.Count > 0 ? $" (skipped: {string.Join("; ", skipped)})" : "")}");

                FitReport report = Fitter.Fit(runs, options, compute);
                if (directory is not null)
                {
                    var manifest = new Manifest("fit", FitConfig.Describe(options, columns, drop), [path], compute.Name);
                    var written = FitFiles.WriteAsync(directory, runs, report, manifest).GetAwaiter().GetResult();
                    stderr.WriteLine($"scalinggpu: wrote {string.Join(", ", written)} to {directory}");
                }
                if (parse.GetValue(json)) stdout.WriteLine(FitJson.Write(runs, report));
                else ReportPrinter.Print(runs, report, stdout);
                return report.AnySucceeded ? ExitCodes.Ok : ExitCodes.NothingComputed;
            }
            catch (InputDataException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return ExitCodes.InputError;
            }
            catch (Exception e) when (!parse.GetValue(verbose))
            {
                stderr.WriteLine($"error: internal error ({e.GetType().Name}: {e.Message.Split('\n')[0]}); rerun with --verbose and report it.");
                return ExitCodes.NothingComputed;
            }
        });
        return command;
    }

    static Option<string> Choice(string name, string description, string fallback, params string[] allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    static IReadOnlyList<FitMethod> Methods(string choice) => choice switch
    {
        "all" => [FitMethod.Vpnls, FitMethod.Approach2, FitMethod.Approach3],
        "approach2" => [FitMethod.Approach2],
        "approach3" => [FitMethod.Approach3],
        _ => [FitMethod.Vpnls],
    };

    static Func<System.CommandLine.Parsing.ArgumentResult, (double, double)> RangeParser(string option) => result =>
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        string[] parts = text.Split(':');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
                              && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi))
            return (lo, hi);
        result.AddError($"{option}: '{text}' is not a range LO:HI (e.g. 0.01:0.99)");
        return default;
    };

    static int? ParseStarts(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k > 0) return k;
        result.AddError($"--a3-starts must be a positive count or 'all'; got '{text}'");
        return null;
    }
}
