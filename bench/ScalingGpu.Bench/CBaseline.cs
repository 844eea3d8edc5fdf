using System.Diagnostics;
using System.Globalization;
using ScalingGpu.Data;

namespace ScalingGpu.Bench;

/// <summary>
/// The second baseline for W1/W2: ../shared/baselines/grid_baseline.c (a single-thread C rendering of the peer's grid,
/// see its README), compiled with gcc -O3 -march=native in a temporary directory at bench time. Absent gcc or source,
/// the row says why and the ratios against it are left blank.
/// </summary>
internal static class CBaseline
{
    public const string Route = "baseline (C): grid_baseline.c, gcc -O3 -march=native, 1 thread";

    /// <summary>One 981² grid (step 0.001) on <paramref name="runs"/>; null with the reason when it cannot run.</summary>
    public static Measurement? Grid(string root, RunTable runs, out string? whyNot)
    {
        string source = Path.GetFullPath(Path.Combine(root, "..", "shared", "baselines", "grid_baseline.c"));
        whyNot = null;
        if (!File.Exists(source)) { whyNot = $"{source} not found"; return null; }
        string dir = Directory.CreateTempSubdirectory("scalinggpu-cbaseline-").FullName;
        try
        {
            string binary = Path.Combine(dir, "grid_baseline"), csv = Path.Combine(dir, "points.csv");
            if (Run("gcc", ["-O3", "-march=native", "-o", binary, source, "-lm"], out string gccOutput) != 0)
            {
                whyNot = $"gcc failed or is absent: {gccOutput.Split('\n')[0]}";
                return null;
            }
            // The program reads a header, then rows N,D,L (the same N = C/(6D) the fits use).
            File.WriteAllLines(csv, ["N,D,L", .. runs.Params.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n:R},{runs.Tokens[i]:R},{runs.Loss[i]:R}"))]);
            if (Run(binary, [csv, "0.001", "0"], out string output) != 0) { whyNot = $"grid_baseline failed: {output}"; return null; }
            // "alpha A beta B rss R seconds S cells C points P resamples 0": the program's own timer (no process start-up).
            string[] f = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double seconds = double.Parse(f[Array.IndexOf(f, "seconds") + 1], CultureInfo.InvariantCulture);
            double cells = double.Parse(f[Array.IndexOf(f, "cells") + 1], CultureInfo.InvariantCulture);
            return new("W1 MSE grid 981²", Route, seconds, cells * runs.Count, 1, $"cell α {f[1]} β {f[3]}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static int Run(string file, string[] args, out string output)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            output = (process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd()).Trim();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return -1;
        }
    }
}
