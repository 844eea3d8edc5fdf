using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScalingGpu.Output;

/// <summary>
/// What produced a set of outputs: tool version, the command's effective configuration and its SHA-256, the seed,
/// the device, the input files with their hashes, and the row count of every file written.
/// </summary>
/// <param name="Command">Sub-command name (fit, sweep).</param>
/// <param name="Config">Effective options as JSON (hashed for resume checks).</param>
/// <param name="Inputs">Input files read.</param>
internal sealed record Manifest(string Command, JsonObject Config, IReadOnlyList<string> Inputs, string Device, ulong? Seed = null)
{
    /// <summary>Tool version (assembly informational version).</summary>
    public static string ToolVersion { get; } =
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// JSON written for people and tools to read: "+" and "·" as themselves, not \u002B (the config hash keeps hashing the
    /// default form, so hashes, and the resumes they guard, are unchanged).
    /// </summary>
    internal static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>SHA-256 (hex) of the configuration's canonical JSON.</summary>
    public string ConfigHash => Sha256(Encoding.UTF8.GetBytes(Config.ToJsonString()));

    /// <summary>The manifest as indented JSON, with <paramref name="rowCounts"/> per output file.</summary>
    public string ToJson(IReadOnlyDictionary<string, long> rowCounts)
    {
        var inputs = new JsonArray();
        foreach (string path in Inputs)
            inputs.Add(new JsonObject { ["path"] = Path.GetFullPath(path), ["sha256"] = Sha256(File.ReadAllBytes(path)) });
        var counts = new JsonObject();
        foreach (var (file, rows) in rowCounts) counts[file] = rows;
        var root = new JsonObject
        {
            ["tool"] = "scalinggpu",
            ["version"] = ToolVersion,
            ["output_schema"] = OutputSchema,
            ["command"] = Command,
            ["created_utc"] = DateTime.UtcNow.ToString("O"),
            ["config"] = Config.DeepClone(),
            ["config_hash"] = ConfigHash,
            ["seed"] = Seed,
            ["device"] = Device,
            ["inputs"] = inputs,
            ["row_counts"] = counts,
        };
        return root.ToJsonString(new JsonSerializerOptions(Readable) { WriteIndented = true });
    }

    /// <summary>
    /// Version of the output files' columns and meanings. 2: `interval` became `interval_kind`, `row` an integer, and
    /// Approach 2's resample weights changed (2026-11-28); a sweep whose parts were written under another version cannot
    /// be resumed or sharded into, since its parts would not form one table.
    /// </summary>
    public const int OutputSchema = 2;

    /// <summary>
    /// What an existing manifest.json records: its command, config hash, output schema (1 for manifests written before it
    /// was recorded) and the files its row counts list; null when the file is absent, unreadable, or names no command.
    /// </summary>
    public static ManifestRecord? TryRead(string path)
    {
        try
        {
            if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject root && root["command"]?.GetValue<string>() is { } command)
                return new ManifestRecord(command, root["config_hash"]?.GetValue<string>(),
                    root["output_schema"] is JsonValue v && v.TryGetValue(out int schema) ? schema : 1,
                    root["row_counts"] is JsonObject counts ? counts.Select(c => c.Key).ToList() : []);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { }
        return null;
    }

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>An existing manifest.json as <see cref="Manifest.TryRead"/> reads it.</summary>
internal sealed record ManifestRecord(string Command, string? ConfigHash, int OutputSchema, IReadOnlyList<string> Files);
