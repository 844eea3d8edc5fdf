using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace ScalingGpu.Output;

/// <summary>
/// A column-oriented table written as one Parquet row group (Snappy). Doubles are nullable and a non-finite value is
/// written as null, so pandas, polars, DuckDB and Spark never see a NaN that means "undefined". Column names follow
/// <see cref="OutputNames"/>; the file's key-value metadata carries the tool version, the config hash, what a row is and
/// what each column means (<see cref="ColumnGlossary"/>).
/// </summary>
/// <param name="description">What one row of the file is.</param>
internal sealed class ParquetTable(string description)
{
    readonly List<(DataField Field, Array Values)> columns = [];

    /// <summary>Rows in the table (set by the first column).</summary>
    public int RowCount => columns.Count == 0 ? 0 : columns[0].Values.Length;

    /// <summary>Adds a double column; NaN and ±∞ become null.</summary>
    public ParquetTable Add(string name, IEnumerable<double> values) =>
        Add(new DataField<double?>(name), values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray());

    /// <summary>Adds a text column (null allowed).</summary>
    public ParquetTable Add(string name, IEnumerable<string?> values) => Add(new DataField<string>(name, true), values.ToArray());

    /// <summary>Adds a 64-bit integer column.</summary>
    public ParquetTable Add(string name, IEnumerable<long> values) => Add(new DataField<long>(name), values.ToArray());

    /// <summary>Adds a boolean column.</summary>
    public ParquetTable Add(string name, IEnumerable<bool> values) => Add(new DataField<bool>(name), values.ToArray());

    /// <summary>Adds a boolean column whose null means "neither" (SQL NULL, not false).</summary>
    public ParquetTable Add(string name, IEnumerable<bool?> values) => Add(new DataField<bool?>(name), values.ToArray());

    ParquetTable Add(DataField field, Array values)
    {
        OutputNames.Check(field.Name, columns.Select(c => c.Field.Name));
        ColumnGlossary.Describe(field.Name);   // every column documented
        if (columns.Count > 0 && values.Length != RowCount)
            throw new ArgumentException($"Column '{field.Name}' has {values.Length} rows; the table has {RowCount}.", nameof(values));
        columns.Add((field, values));
        return this;
    }

    /// <summary>Writes the table to <paramref name="path"/> atomically, stamped with <paramref name="stamp"/>.</summary>
    public Task WriteAsync(string path, ParquetStamp stamp) => AtomicFile.WriteAsync(path, async stream =>
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options);
        writer.CustomMetadata = Metadata(stamp);
        using var group = writer.CreateRowGroup();
        foreach (var (field, values) in columns)
            await WriteColumn(group, field, values);
    });

    Dictionary<string, string> Metadata(ParquetStamp stamp)
    {
        var columnText = new System.Text.Json.Nodes.JsonObject();
        foreach (var (field, _) in columns) columnText[field.Name] = ColumnGlossary.Describe(field.Name);
        return new()
        {
            ["scalinggpu.version"] = stamp.ToolVersion,
            ["scalinggpu.config_sha256"] = stamp.ConfigHash,
            ["scalinggpu.description"] = description,
            ["scalinggpu.columns"] = columnText.ToJsonString(Manifest.Readable),
        };
    }

    static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Array values) => values switch
    {
        double?[] v => group.WriteAsync(field, (ReadOnlyMemory<double?>)v),
        long[] v => group.WriteAsync(field, (ReadOnlyMemory<long>)v),
        bool[] v => group.WriteAsync(field, (ReadOnlyMemory<bool>)v),
        bool?[] v => group.WriteAsync(field, (ReadOnlyMemory<bool?>)v),
        string?[] v => group.WriteAsync(field, v),
        _ => throw new NotSupportedException($"Column type {values.GetType().Name} is not supported."),
    };
}

/// <summary>What every Parquet file carries in its key-value metadata besides its own description.</summary>
/// <param name="ToolVersion">scalinggpu version that wrote it.</param>
/// <param name="ConfigHash">SHA-256 of the effective configuration (the manifest's config_hash).</param>
internal sealed record ParquetStamp(string ToolVersion, string ConfigHash)
{
    /// <summary>The stamp of a run described by <paramref name="manifest"/>.</summary>
    public static ParquetStamp Of(Manifest manifest) => new(Manifest.ToolVersion, manifest.ConfigHash);
}
