using System.CommandLine;
using ScalingGpu.Cli;
using ScalingGpu.Cli.Commands;

var root = new RootCommand("scalinggpu: fit neural scaling laws (VPNLS, Chinchilla Approaches 2 and 3) on GPUs and CPUs.")
{
    FitCommand.Create(),
    DevicesCommand.Create(),
};
return Cli.Run(root, args);
