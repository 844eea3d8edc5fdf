using System.CommandLine;
using ScalingGpu.Compute;
using ScalingGpu.Data;

namespace ScalingGpu.Cli;

/// <summary>What every command action shares: one-line errors with the right exit code, and opening the device.</summary>
internal static class CommandActions
{
    /// <summary>auto, cpu, cuda, opencl: the <c>--device</c> of every command (only the CLI reads device names).</summary>
    public static NameMap<DeviceKind> Devices { get; } = new("auto", "cpu", "cuda", "opencl");

    /// <summary>
    /// Runs <paramref name="body"/>: bad input is exit 2 with its one-line message; an unexpected failure is exit 1 with a
    /// one-line summary, or the stack trace when <paramref name="verbose"/> is set.
    /// </summary>
    public static int Guarded(ParseResult parse, Option<bool> verbose, Func<int> body)
    {
        TextWriter stderr = parse.InvocationConfiguration.Error;
        try
        {
            return body();
        }
        catch (InputDataException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (!parse.GetValue(verbose))
        {
            stderr.WriteLine($"error: internal error ({e.GetType().Name}: {e.Message.Split('\n')[0]}); rerun with --verbose and report it.");
            return ExitCodes.NothingComputed;
        }
    }

    /// <summary>Opens the requested device and says on stderr which one runs (and why auto skipped the others).</summary>
    /// <exception cref="InputDataException">An explicitly requested device is absent.</exception>
    public static IComputeDevice OpenDevice(DeviceKind kind, TextWriter stderr)
    {
        var skipped = new List<string>();
        IComputeDevice device = DeviceSelector.Select(kind, skipped);
        stderr.WriteLine($"scalinggpu: device {device.Name}{(skipped.Count > 0 ? $" (skipped: {string.Join("; ", skipped)})" : "")}");
        return device;
    }
}
