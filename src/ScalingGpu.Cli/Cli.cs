using System.CommandLine;
using System.CommandLine.Parsing;

namespace ScalingGpu.Cli;

/// <summary>Exit codes of DESIGN.md §4.</summary>
internal static class ExitCodes
{
    /// <summary>Success (partial failures are reported in status fields).</summary>
    public const int Ok = 0;
    /// <summary>No requested result could be computed.</summary>
    public const int NothingComputed = 1;
    /// <summary>Usage or input error, detected before computing.</summary>
    public const int InputError = 2;
}

/// <summary>Parses, maps parse errors to exit code 2 (System.CommandLine returns 1), and invokes.</summary>
internal static class Cli
{
    /// <summary>The command tree.</summary>
    public static RootCommand CreateRoot() => new("scalinggpu: fit neural scaling laws (VPNLS, Chinchilla Approaches 2 and 3) on GPUs and CPUs.")
    {
        Commands.FitCommand.Create(),
        Commands.CompareCommand.Create(),
        Commands.SweepCommand.Create(),
        Commands.PlotCommand.Create(),
        Commands.DevicesCommand.Create(),
    };

    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the first problem and where to find the right usage.
            string command = parse.CommandResult.Command == root ? "scalinggpu" : $"scalinggpu {parse.CommandResult.Command.Name}";
            ParseError first = parse.Errors[0];
            string message = System.Text.RegularExpressions.Regex.Replace(first.Message, @"\s*\n\s*", " ").TrimEnd('.');
            if (first.SymbolResult is OptionResult { Option.Name: var name } && !message.Contains(name))
                message = $"{name}: {message}";
            error.WriteLine($"error: {message}; run '{command} --help' for usage.");
            return ExitCodes.InputError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
