using System.Runtime.CompilerServices;
using Spectre.Console;

namespace ScalingGpu.Cli;

/// <summary>
/// A Spectre.Console progress bar with ETA on stderr, shown only on a terminal (never with --json or redirected stderr)
/// and only once the work has run for <see cref="Delay"/>: a run that ends sooner never loads Spectre.Console (start-up).
/// </summary>
internal static class ProgressBar
{
    /// <summary>How long work runs before the bar appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(0.3);

    public static T Run<T>(string label, bool wanted, Func<IProgress<double>?, T> work)
    {
        if (!wanted || Console.IsErrorRedirected) return work(null);
        using var bar = new DelayedBar(label);
        return work(bar);
    }

    // The work stays on the calling thread (ILGPU accelerators are bound to it); the bar, if it comes, runs on its own
    // thread from the latest reported fraction, and Dispose takes it down (cleared) before the caller prints anything.
    sealed class DelayedBar : IProgress<double>, IDisposable
    {
        readonly string label;
        readonly ManualResetEventSlim done = new();
        readonly Thread thread;
        double latest;

        public DelayedBar(string label)
        {
            this.label = label;
            thread = new Thread(() =>
            {
                try { if (!done.Wait(Delay)) Show(); }
                catch (Exception) { }   // a bar that cannot draw must not take the work down with it
            }) { IsBackground = true, Name = "progress" };
            thread.Start();
        }

        public void Report(double value) => Volatile.Write(ref latest, Math.Min(1.0, value));

        public void Dispose()
        {
            done.Set();
            thread.Join();
            done.Dispose();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]   // only this method names Spectre.Console types
        void Show()
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(label, maxValue: 1.0);
                    while (!done.Wait(TimeSpan.FromMilliseconds(50))) task.Value = Volatile.Read(ref latest);
                    task.Value = 1.0;
                });
        }
    }
}
