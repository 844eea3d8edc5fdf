using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.CompilerServices;

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
    static readonly (string Name, string Description, Func<Command> Create)[] Subcommands =
    [
        (Commands.FitCommand.Name, Commands.FitCommand.Description, Commands.FitCommand.Create),
        (Commands.CompareCommand.Name, Commands.CompareCommand.Description, Commands.CompareCommand.Create),
        (Commands.SweepCommand.Name, Commands.SweepCommand.Description, Commands.SweepCommand.Create),
        (Commands.PlotCommand.Name, Commands.PlotCommand.Description, Commands.PlotCommand.Create),
        (Commands.DevicesCommand.Name, Commands.DevicesCommand.Description, Commands.DevicesCommand.Create),
    ];

    /// <summary>The full command tree.</summary>
    public static RootCommand CreateRoot() => CreateRoot(invoked: null);

    /// <summary>
    /// The command tree for a run whose first argument is <paramref name="invoked"/>: when that names a subcommand, only
    /// that one is built in full and the others by name and description (they cannot take part in the parse; building
    /// their options is start-up time); otherwise (help, a typo, no command) the full tree.
    /// </summary>
    public static RootCommand CreateRoot(string? invoked)
    {
        bool named = false;
        foreach (var (name, _, _) in Subcommands) named |= name == invoked;
        var root = new RootCommand("scalinggpu: fit neural scaling laws (VPNLS, Chinchilla Approaches 2 and 3) on GPUs and CPUs.");
        foreach (var (name, description, create) in Subcommands)
            root.Subcommands.Add(!named || name == invoked ? create() : new Command(name, description));
        return root;
    }

    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0) return ParseFailed(root, parse, error);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    // One line: the first problem and where to find the right usage. Its own method, so a good parse never loads Regex.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static int ParseFailed(RootCommand root, ParseResult parse, TextWriter error)
    {
        string command = parse.CommandResult.Command == root ? "scalinggpu" : $"scalinggpu {parse.CommandResult.Command.Name}";
        if (parse.CommandResult.Command == root && parse.UnmatchedTokens is [var unknown, ..] && !unknown.StartsWith('-'))
        {
            // The parser's own words ("Required command was not provided") miss the typo the user made.
            error.WriteLine($"error: unknown command '{unknown}'; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}; run 'scalinggpu --help' for usage.");
            return ExitCodes.InputError;
        }
        ParseError first = parse.Errors[0];
        string message = System.Text.RegularExpressions.Regex.Replace(first.Message, @"\s*\n\s*", " ").TrimEnd('.');
        // The parser names .NET types ("as expected type 'System.Nullable`1[System.Double]'"): say what the user must write.
        var typed = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '.*?(Double|Int32|Int64|UInt64)\]?'$");
        if (typed.Success)
            message = $"{typed.Groups[2].Value}: '{typed.Groups[1].Value}' is not {(typed.Groups[3].Value == "Double" ? "a number" : "a whole number")}";
        if (first.SymbolResult is OptionResult { Option.Name: var name } && !message.Contains(name))
            message = $"{name}: {message}";
        error.WriteLine($"error: {message}; run '{command} --help' for usage.");
        return ExitCodes.InputError;
    }
}
