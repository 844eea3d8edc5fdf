using System.Diagnostics;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Data;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Bench;

/// <summary>
/// dotnet run -c Release --project bench/ScalingGpu.Bench -- [w1|w2|w3|w4|w5 [DATASETS]|cli|all|gpucheck [OUTDIR] [STEP,STEP..]|ptx [OUTDIR] [SM] [ISA]] [--kernel]
/// Prints a markdown table with throughput and ratios against the baseline measured in the same run.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string workload = args.Length > 0 ? args[0] : "all";
        string root = FindRoot();
        if (workload == "gpucheck")
            return GpuCheck.Run(root, args.Length > 1 ? args[1] : Path.Combine(root, "bench", "gpu-check-out"), args.Length > 2 ? args[2].Split(',') : null);
        if (workload == "ptx")
            return PtxDump.Run(args.Length > 1 ? args[1] : "ptx", args.Length > 2 ? args[2] : "90", args.Length > 3 ? args[3] : "7.8");
        if (workload == "w5")
        {
            Print([Workloads.CoverageSweep(root, args.Length > 1 && int.TryParse(args[1], out int sets) ? sets : 1000)]);
            return 0;
        }
        if (workload is not ("w1" or "w2" or "w3" or "w4" or "cli" or "all"))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ScalingGpu.Bench -- [w1|w2|w3|w4|w5 [DATASETS]|cli|all|gpucheck [OUTDIR] [STEP,STEP..]|ptx [OUTDIR] [SM] [ISA]] [--kernel]");
            return 2;
        }
        RunTable runs = Workloads.Llama3(root);
        using IlgpuDevice? accelerator = args.Contains("--kernel") ? IlgpuDevice.CpuAccelerator() : null;
        var rows = new List<Measurement>();
        if (workload is "w1" or "w2" or "all" or "cli")
        {
            if (CBaseline.Grid(root, runs, out string? whyNot) is { } c) rows.Add(c);
            else Console.WriteLine($"C baseline skipped: {whyNot}");
        }
        if (workload is "w1" or "all" or "cli") rows.AddRange(Workloads.Grid(runs, huber: false, accelerator));
        if (workload is "w3" or "all") rows.AddRange(Workloads.Grid(runs, huber: true, accelerator));
        if (workload is "w2" or "all") rows.Add(Workloads.Bootstrap(runs, 1000));
        if (workload is "cli" or "all") rows.Add(Workloads.CliBootstrap(root, 20));
        if (workload is "w4" or "all") rows.Add(Workloads.Sweep(root));
        Print(rows);
        return 0;
    }

    static void Print(List<Measurement> rows)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} threads, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| workload | route | seconds | cell·points/s | fits/s | × peer mirror | × C baseline | check |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (Measurement r in rows)
            Console.WriteLine($"| {r.Workload} | {r.Route} | {r.Seconds:F3} | {r.CellPointsPerSecond:E2} | {r.FitsPerSecond:F2} | " +
                              $"{Ratio(rows, r, "baseline: peer")} | {Ratio(rows, r, CBaseline.Route)} | {r.Check} |");
    }

    // Ratios compare equal work: the same workload's baseline for grids; for bootstraps n+1 W1 baseline grids
    // (extrapolated from the measured W1 grid, not run). The C baseline covers MSE grids only (W1, W2).
    static string Ratio(List<Measurement> rows, Measurement r, string baselineRoute)
    {
        Measurement? sameWorkload = rows.FirstOrDefault(b => b.Workload == r.Workload && b.Route.StartsWith(baselineRoute));
        Measurement? w1 = rows.FirstOrDefault(b => b.Workload.StartsWith("W1") && b.Route.StartsWith(baselineRoute));
        Measurement? baseline = sameWorkload ?? (w1 is null || r.CellPoints == 0 || !r.Workload.StartsWith("W2") && !r.Workload.StartsWith("CLI")
            ? null : w1 with { Seconds = w1.Seconds * r.Fits });
        return baseline is null ? "" : $"{baseline.Seconds / r.Seconds:F1}";
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ScalingGpu.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from inside the repository (ScalingGpu.sln not found).");
    }
}
