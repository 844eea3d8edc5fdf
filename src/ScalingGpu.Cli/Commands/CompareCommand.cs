using System.CommandLine;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;
using ScalingGpu.Predictions;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu compare A B [fit options]</c>: fit two data sets alike and compare their compute-optimal frontiers.</summary>
internal static class CompareCommand
{
    public const string Name = "compare";
    public const string Description = "Fit two data sets with the same options and compare their frontiers L*(C): the crossover compute and, under --bootstrap, its interval and P(A lower) per target compute.";

    public static Command Create()
    {
        var args = new FitArguments();
        var dataA = new Argument<string>("A") { Description = "First data set (CSV or Parquet), read with the fit column options." };
        var dataB = new Argument<string>("B") { Description = "Second data set, read with the same column options unless the --b-* options override them." };
        var bColumns = new[] { "params", "tokens", "compute", "loss", "budget" }
            .ToDictionary(c => c, c => new Option<string?>($"--b-{c}") { Description = $"Column of B for --{c}, when B names it differently from A" + (c == "budget" ? " ('none': C rounded to 3 significant digits)." : ".") });
        var command = new Command(Name, Description);
        command.Arguments.Add(dataA);
        command.Arguments.Add(dataB);
        args.Out.Description = "Write compare.parquet (crossover per target compute), frontiers.parquet (both L*(C) curves, with bands under --bootstrap) and manifest.json here.";
        foreach (Symbol symbol in args.Symbols(withDcl: false))
            if (symbol is Option option) command.Options.Add(option);
        foreach (Option option in bColumns.Values) command.Options.Add(option);
        command.SetAction(parse => CommandActions.Guarded(parse, args.Verbose, () =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            // Everything checkable is checked before any computing starts (exit 2, nothing written).
            FitOptions options = args.Options(parse);
            BootstrapOptions? bootstrap = args.Bootstrap(parse);
            ColumnMap columnsA = args.Columns(parse);
            string? budgetB = parse.GetValue(bColumns["budget"]) ?? columnsA.Budget;
            ColumnMap columnsB = new(parse.GetValue(bColumns["params"]) ?? columnsA.Params, parse.GetValue(bColumns["tokens"]) ?? columnsA.Tokens,
                                     parse.GetValue(bColumns["compute"]) ?? columnsA.Compute, parse.GetValue(bColumns["loss"]) ?? columnsA.Loss,
                                     budgetB == "none" ? null : budgetB) { OptionPrefix = "--b-" };
            string pathA = parse.GetValue(dataA)!, pathB = parse.GetValue(dataB)!;
            RunTable a = RunTableReader.Read(pathA, columnsA, args.DropTopLoss(parse));
            RunTable b;
            try { b = RunTableReader.Read(pathB, columnsB, args.DropTopLoss(parse)); }
            catch (InputDataException e) when (columnsB with { OptionPrefix = "--" } == columnsA)
            { throw new InputDataException($"{e.Message.TrimEnd('.')} (B is read with A's column options; --b-params, --b-tokens, --b-compute, --b-loss and --b-budget name B's own)."); }
            var (requestA, requestB) = FrontierComparison.Validate(a, b, options, bootstrap);
            string? directory = parse.GetValue(args.Out);
            if (parse.GetValue(args.Plot) && directory is null)
                throw new InputDataException("--plot writes figures next to the results: add --out DIR.");
            if (directory is not null) OutputFolder.Prepare(directory, "comparison", CompareFiles.FileNames, pathA, pathB);

            using IComputeDevice device = CommandActions.OpenDevice(args.Device.Value(parse), stderr);
            bool json = parse.GetValue(args.Json);
            Comparison comparison = ProgressBar.Run(bootstrap is null ? "compare" : "bootstrap", !json, progress =>
                FrontierComparison.Run(requestA, requestB, device, progress));
            if (directory is not null)
            {
                var config = FitConfig.Describe(requestA, columnsA, args.DropTopLoss(parse));
                config["columns_b"] = FitConfig.Columns(columnsB);
                var manifest = new Manifest("compare", config, [pathA, pathB], device.Name, bootstrap?.Seed);
                var written = CompareFiles.WriteAsync(directory, comparison, manifest).GetAwaiter().GetResult();
                stderr.WriteLine($"scalinggpu: wrote {string.Join(", ", written)} to {directory}");
                if (parse.GetValue(args.Plot)) stderr.WriteLine($"scalinggpu: wrote {Plots.Reports.Render(directory)} and its figures");
            }
            if (json) stdout.WriteLine(CompareFiles.Json(pathA, pathB, comparison));
            else ComparePrinter.Print(comparison, stdout);
            bool any = comparison.A.AnySucceeded && comparison.B.AnySucceeded;
            return any ? ExitCodes.Ok : ExitCodes.NothingComputed;
        }));
        return command;
    }
}
