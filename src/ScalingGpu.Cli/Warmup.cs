using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;

namespace ScalingGpu.Cli;

/// <summary>
/// Start-up (bench/RESULTS.md): most of a small fit's time is the runtime's first use of each type and method (loading,
/// binding precompiled code, jitting a few generic helpers, starting the thread pool), not computing. While the main
/// thread builds the command line, parses and reads the data, a background thread fits and prints a tiny synthetic
/// table, so that first-use work overlaps the main thread's instead of following it. Nothing crosses between the two:
/// the library has no shared mutable state, and the warm-up's results are dropped.
/// </summary>
internal static class Warmup
{
    /// <summary>Starts the warm-up for the commands that fit, unless they only ask for help.</summary>
    public static void Start(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("fit" or "compare") || Environment.ProcessorCount < 2) return;
        foreach (string arg in args)
            if (arg is "--help" or "-h" or "-?" or "/?" or "/h") return;
        new Thread(() =>
        {
            try { Fit(); }
            catch (Exception) { }   // a warm-up has nothing to report; the real run reports its own errors
        }) { IsBackground = true, Name = "warm-up" }.Start();
    }

    /// <summary>Fits a 12-run IsoFLOP table from the Chinchilla surface on a coarse grid and prints it to nowhere.</summary>
    internal static FitReport Fit()
    {
        LossSurface truth = NamedSurfaces.Chinchilla;
        var parameters = new List<double>();
        var tokens = new List<double>();
        var loss = new List<double>();
        foreach (double budget in (double[])[1e18, 1e19, 1e20])
            foreach (double n in (double[])[0.3, 0.6, 1.2, 2.4])
            {
                double p = n * Math.Sqrt(budget / 120), d = budget / (6 * p);
                parameters.Add(p);
                tokens.Add(d);
                loss.Add(truth.E + truth.A / Math.Pow(p, truth.Alpha) + truth.B / Math.Pow(d, truth.Beta));
            }
        RunTable runs = RunTable.FromArrays([.. parameters], [.. tokens], [.. loss], source: "warm-up");
        var options = new FitOptions { VarPro = VarProOptions.Default with { GridStep = 0.05 }, TargetCompute = [1e22] };
        using var device = new HostDevice();
        FitReport report = Fitter.Fit(runs, options, device);
        ReportPrinter.Print(report, TextWriter.Null);
        return report;
    }
}
