using System.Diagnostics;

namespace ScalingGpu.Tests;

/// <summary>Sweep runs in a separate process (so they can be killed) and their data sets as comparable rows.</summary>
internal static class SweepProcess
{
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scalinggpu.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Finished parts under OUT (or under OUT/<paramref name="table"/>).</summary>
    public static int Parts(string outDir, string? table = null)
    {
        string dir = table is null ? outDir : Path.Combine(outDir, table);
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "part-*.parquet", SearchOption.AllDirectories).Length : 0;
    }

    /// <summary>Every row of OUT/<paramref name="table"/> as a string of all columns but the timing, with its partition, sorted.</summary>
    public static List<string> Rows(string outDir, string table)
    {
        var rows = new List<string>();
        foreach (string part in Directory.GetFiles(Path.Combine(outDir, table), "*.parquet", SearchOption.AllDirectories))
        {
            var columns = ParquetReadBack.Columns(part);
            string method = Path.GetFileName(Path.GetDirectoryName(part)!);
            int n = columns["job"].Length;
            for (int i = 0; i < n; i++)
                rows.Add(method + "|" + string.Join("|", columns.Where(c => c.Key != "seconds").OrderBy(c => c.Key).Select(c => c.Value.GetValue(i)?.ToString() ?? "null")));
        }
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
