using System.CommandLine;
using ScalingGpu.Data;
using ScalingGpu.Plots;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu plot DIR</c>: figures (PNG + SVG) and report.md from a fit's or sweep's output directory.</summary>
internal static class PlotCommand
{
    public const string Name = "plot";
    public const string Description = "Render IsoFLOP curves, bootstrap distributions, the objective heatmap or sweep error plots, and report.md.";

    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Output directory of 'fit --out' or 'sweep --out'." };
        var outDir = new Option<string?>("--out") { Description = "Where to write the figures and report.md (default: DIR)." };
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of internal errors." };
        var command = new Command(Name, Description) { dir, outDir, verbose };
        command.SetAction(parse => CommandActions.Guarded(parse, verbose, () =>
        {
            string? target = parse.GetValue(outDir);
            if (target is not null) Output.OutputFolder.EnsureWritable(target);
            string report = Reports.Render(parse.GetValue(dir)!, target, parse.InvocationConfiguration.Error);
            parse.InvocationConfiguration.Error.WriteLine($"scalinggpu: wrote {report} and its figures");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
