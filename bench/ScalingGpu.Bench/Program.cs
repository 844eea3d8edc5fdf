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
        Console.WriteLine("| workload | route | seconds | cell·points/s | fits/s | × baseline | check |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        Measurement? w1Baseline = rows.FirstOrDefault(r => r.Workload.StartsWith("W1") && r.Route.StartsWith("baseline"));
        foreach (Measurement r in rows)
        {
            // Ratios compare equal work: the grid's baseline for grids; n+1 baseline grids for bootstraps (extrapolated).
            Measurement? baseline = rows.FirstOrDefault(b => b.Workload == r.Workload && b.Route.StartsWith("baseline"))
                                    ?? (w1Baseline is null || r.CellPoints == 0 ? null : w1Baseline with { Seconds = w1Baseline.Seconds * r.Fits });
            string ratio = baseline is null ? "" : $"{baseline.Seconds / r.Seconds:F1}";
            Console.WriteLine($"| {r.Workload} | {r.Route} | {r.Seconds:F3} | {r.CellPointsPerSecond:E2} | {r.FitsPerSecond:F2} | {ratio} | {r.Check} |");
        }
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ScalingGpu.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from inside the repository (ScalingGpu.sln not found).");
    }
}
