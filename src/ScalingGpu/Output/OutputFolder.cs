using System.Text.RegularExpressions;
using ScalingGpu.Data;

namespace ScalingGpu.Output;

/// <summary>
/// The <c>--out</c> folder of <c>fit</c> and <c>compare</c>: checked before any computing, and cleared of an earlier
/// run's files when the new ones are written, so the folder always describes one run (its manifest lists it).
/// </summary>
internal static partial class OutputFolder
{
    /// <summary>Checks that <paramref name="directory"/> can be created and written, before any computing starts.</summary>
    /// <exception cref="InputDataException">It cannot.</exception>
    public static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputDataException($"--out {directory}: cannot write there ({e.Message}); choose a writable directory.");
        }
    }

    /// <summary>
    /// Checks <paramref name="directory"/> for a <paramref name="command"/> that writes <paramref name="fileNames"/>: writable,
    /// not a sweep's folder, and no input among the files the run would write or the earlier run's files it would remove
    /// (<c>fit DIR/points.parquet --out DIR</c>).
    /// </summary>
    /// <exception cref="InputDataException">One of these does not hold.</exception>
    public static void Prepare(string directory, string command, IEnumerable<string> fileNames, params string[] inputs)
    {
        EnsureWritable(directory);
        if (Manifest.TryRead(Path.Combine(directory, "manifest.json"))?.Command == "sweep")
            throw new InputDataException($"--out {directory}: holds a sweep (its manifest.json); choose another --out for the {command}.");
        string[] replaced = [.. fileNames, .. EarlierFiles(directory)];
        foreach (string input in inputs)
            if (replaced.Any(name => SameFile(Path.Combine(directory, name), input)))
                throw new InputDataException($"--out {directory}: the {command} would overwrite or remove its input {input}; choose another --out.");
    }

    /// <summary>
    /// Removes what an earlier fit or compare wrote into <paramref name="directory"/> (its manifest's files) that this run
    /// does not (<paramref name="written"/>), its report.md and the figures that report shows; call before writing the
    /// new manifest. Anything else in the folder is the user's and stays.
    /// </summary>
    public static void ClearEarlier(string directory, IReadOnlyCollection<string> written)
    {
        IReadOnlyList<string> earlier = EarlierFiles(directory);
        foreach (string stale in earlier.Except(written).Where(n => n != "manifest.json"))
            File.Delete(Path.Combine(directory, stale));
        if (earlier.Count > 0) DeleteReport(directory);
    }

    // What an earlier fit or comparison wrote here: the files its manifest lists, and only names those commands write
    // (a manifest.json of another tool, or one edited by hand, never gets a user's file deleted).
    static IReadOnlyList<string> EarlierFiles(string directory)
    {
        return Manifest.TryRead(Path.Combine(directory, "manifest.json")) is { Command: "fit" or "compare" } earlier
            ? earlier.Files.Intersect([.. FitFiles.FileNames, .. CompareFiles.FileNames]).ToList() : [];
    }

    // The report of an earlier --plot (report.md, as its first line shows) and the figures it links that carry the names
    // a fit's or comparison's report gives them (each PNG with its SVG twin).
    static void DeleteReport(string directory)
    {
        string report = Path.Combine(directory, "report.md");
        if (!File.Exists(report)) return;
        string text = File.ReadAllText(report);
        if (!text.StartsWith("# ScalingGpu fit report", StringComparison.Ordinal) && !text.StartsWith("# ScalingGpu comparison report", StringComparison.Ordinal)) return;
        foreach (Match link in ReportFigure().Matches(text))
            foreach (string ext in new[] { ".png", ".svg" })
                File.Delete(Path.Combine(directory, link.Groups[1].Value + ext));
        File.Delete(report);
    }

    [GeneratedRegex(@"!\[[^\]]*\]\((isoflops|objective_grid|holdout|frontiers|bootstrap_[a-z0-9]+_[A-Za-z0-9_]+)\.png\)")]
    private static partial Regex ReportFigure();

    // The same file once every symbolic link on either path is resolved (a copy, even with the same size and time, is not).
    static bool SameFile(string a, string b) => RealPath(a) == RealPath(b);

    static string RealPath(string path)
    {
        string full = Path.GetFullPath(path), current = Path.GetPathRoot(full)!;
        foreach (string part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target) current = RealPath(target.FullName);
        }
        return current;
    }
}
