using Spectre.Console;

namespace ScalingGpu.Cli;

/// <summary>A Spectre.Console progress bar with ETA on stderr, shown only on a terminal (never with --json or redirected stderr).</summary>
internal static class ProgressBar
{
    public static T Run<T>(string label, bool wanted, Func<IProgress<double>?, T> work)
    {
        if (!wanted || Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(label, maxValue: 1.0);
                T result = work(new Reporter(task));
                task.Value = 1.0;
                return result;
            });
    }

    // Sets the task directly (Progress<T> would post to the thread pool and race the final update).
    sealed class Reporter(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Min(1.0, value);
    }
}
