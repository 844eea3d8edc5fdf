using System.CommandLine;
using System.Runtime.CompilerServices;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Output;
using ScalingGpu.Predictions;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu fit DATA</c>: build the request, call the library, print or write the results.</summary>
internal static class FitCommand
{
    public const string Name = "fit";
    public const string Description = "Fit scaling-law surfaces and IsoFLOP power laws to a table of training runs, with bootstrap intervals and DCL.";

    public static Command Create()
    {
        var args = new FitArguments();
        var predict = new PredictArguments();
        var command = new Command(Name, Description);
        foreach (Symbol symbol in args.Symbols())
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        foreach (Option option in predict.Symbols()) command.Options.Add(option);
        command.SetAction(parse => CommandActions.Guarded(parse, args.Verbose, () =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output, stderr = parse.InvocationConfiguration.Error;
            // Everything checkable is checked before any computing starts (exit 2, nothing written): the one validated request.
            FitOptions options = args.Options(parse);
            BootstrapOptions? bootstrap = args.Bootstrap(parse);
            DclRequest? dcl = args.Dcl(parse);
            ColumnMap columns = args.Columns(parse);
            string path = parse.GetValue(args.Data)!;
            RunTable all = RunTableReader.Read(path, columns, args.DropTopLoss(parse));
            HoldoutSplit? split = predict.Holdout(parse, all);
            RunTable runs = split?.Fit ?? all;   // held-out runs stay out of every fit and resample
            PredictionPoints? points = predict.Points(parse, options);
            FitRequest request = FitRequest.Validate(runs, options, bootstrap, dcl);
            string? directory = parse.GetValue(args.Out);
            if (parse.GetValue(args.Plot) && directory is null)
                throw new InputDataException("--plot writes figures next to the results: add --out DIR.");
            if (directory is not null) OutputFolder.Prepare(directory, "fit", FitFiles.FileNames, points is null ? [path] : [path, predict.PointsPath(parse)!]);

            using IComputeDevice device = CommandActions.OpenDevice(args.Device.Value(parse), stderr);

            bool json = parse.GetValue(args.Json);
            FitReport report = ProgressBar.Run(bootstrap is null ? "fit" : "bootstrap", !json, progress => Fitter.Fit(request, device, progress));
            var extras = new PredictionResults(points is null ? null : Predictor.Predict(points, report),
                                               split is null ? null : Holdout.Evaluate(split, report));
            if (directory is not null) WriteFiles(directory);
            if (json) stdout.WriteLine(FitJson.Write(report, extras));
            else ReportPrinter.Print(report, stdout, extras);
            return report.AnySucceeded ? ExitCodes.Ok : ExitCodes.NothingComputed;

            // Its own method: a run without --out never loads the JSON, Parquet and plotting assemblies (start-up).
            [MethodImpl(MethodImplOptions.NoInlining)]
            void WriteFiles(string directory)
            {
                var config = FitConfig.Describe(request, columns, args.DropTopLoss(parse));
                if (split is not null) config["holdout_above"] = split.Above;
                if (points is not null) config["predict"] = predict.PointsPath(parse);
                var manifest = new Manifest("fit", config, points is null ? [path] : [path, predict.PointsPath(parse)!], device.Name, bootstrap?.Seed);
                var written = FitFiles.WriteAsync(directory, report, manifest, extras).GetAwaiter().GetResult();
                stderr.WriteLine($"scalinggpu: wrote {string.Join(", ", written)} to {directory}");
                if (parse.GetValue(args.Plot)) stderr.WriteLine($"scalinggpu: wrote {Plots.Reports.Render(directory)} and its figures");
            }
        }));
        return command;
    }
}
