using System.CommandLine;
using ScalingGpu.Compute;

namespace ScalingGpu.Cli.Commands;

/// <summary><c>scalinggpu devices</c>: what the tool can run on.</summary>
internal static class DevicesCommand
{
    public const string Name = "devices";
    public const string Description = "List CUDA, OpenCL and CPU devices with memory and double-precision support.";

    public static Command Create()
    {
        var command = new Command(Name, Description);
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"kind",-7} {"memory",10} {"fp64",-5} name");
            foreach (DeviceInfo d in DeviceInventory.List())
                output.WriteLine($"{d.Kind,-7} {(d.MemoryBytes > 0 ? $"{d.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB" : "-"),10} {(d.MemoryBytes > 0 ? (d.DoublePrecision ? "yes" : "no") : "-"),-5} {d.Name}{(d.Note is null ? "" : $" ({d.Note})")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
