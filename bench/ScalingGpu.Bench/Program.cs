using System.Diagnostics;
using ScalingGpu.Bootstrap;
using ScalingGpu.Compute;
using ScalingGpu.Fitting;
using ScalingGpu.Models;
using ScalingGpu.Simulation;

namespace ScalingGpu.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        string workload = args.Length > 0 ? args[0] : "help";
        switch (workload)
        {
            case "coverage":
                return Coverage(args.Length > 1 ? int.Parse(args[1]) : 200, args.Length > 2 ? int.Parse(args[2]) : 200);
            default:
                Console.WriteLine("usage: dotnet run -c Release --project bench/ScalingGpu.Bench -- coverage [DATASETS] [RESAMPLES]");
                return workload == "help" ? 0 : 2;
        }
    }

    // Coverage table of DESIGN/issue 3: Chinchilla surface, 5 budgets 1e17..1e21 × 15 points, W = 10, σ 0.01.
    static int Coverage(int dataSets, int resamples)
    {
        var design = new IsoFlopDesign([1e17, 1e18, 1e19, 1e20, 1e21], 15, Width: 10);
        var clock = Stopwatch.StartNew();
        var cells = CoverageStudy.Run(NamedSurfaces.Chinchilla, design, 0.01, dataSets, resamples, [0.90, 0.95],
            VarProOptions.Default with { GridStep = 0.01 }, 20261124, new HostDevice());
        Console.WriteLine($"Coverage of VPNLS bootstrap intervals: {dataSets} data sets × {resamples} point resamples, grid 0.01 + refinement ({clock.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine("| quantity | interval | 90% | 95% |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var group in cells.GroupBy(c => (c.Quantity, c.Kind)))
            Console.WriteLine($"| {group.Key.Quantity} | {group.Key.Kind.Name()} | {string.Join(" | ", group.OrderBy(c => c.Level).Select(c => $"{c.Rate:F3}"))} |");
        return 0;
    }
}
