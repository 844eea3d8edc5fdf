using System.CommandLine;
using ScalingGpu.Data;
using ScalingGpu.Plots;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu plot DIR</c>: figures (PNG + SVG) and report.md from a fit's or sweep's output directory.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "Output directory of 'fit --out' or 'sweep --out'." };
        var outDir = new Option<string?>("--out") { Description = "Where to write the figures and report.md (default: DIR)." };
        var command = new Command("plot", "Render IsoFLOP curves, bootstrap distributions, the objective heatmap or sweep error plots, and report.md.") { dir, outDir };
        command.SetAction(parse =>
        {
            try
            {
                string report = Reports.Render(parse.GetValue(dir)!, parse.GetValue(outDir));
                parse.InvocationConfiguration.Error.WriteLine($"scalinggpu: wrote {report} and its figures");
                return ExitCodes.Ok;
            }
            catch (InputDataException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.InputError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: cannot write the figures ({e.Message}); choose a writable --out.");
                return ExitCodes.InputError;
            }
        });
        return command;
    }
}
