using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace ScalingGpu.Output;

/// <summary>
/// A column-oriented table written as one Parquet row group (Snappy). Doubles are nullable and a non-finite value is
/// written as null, so pandas, polars, DuckDB and Spark never see a NaN that means "undefined".
/// </summary>
public sealed class ParquetTable
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

    ParquetTable Add(DataField field, Array values)
    {
        if (columns.Count > 0 && values.Length != RowCount)
            throw new ArgumentException($"Column '{field.Name}' has {values.Length} rows; the table has {RowCount}.", nameof(values));
        columns.Add((field, values));
        return this;
    }

    /// <summary>Writes the table to <paramref name="path"/> atomically.</summary>
    public Task WriteAsync(string path) => AtomicFile.WriteAsync(path, async stream =>
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options);
        using var group = writer.CreateRowGroup();
        foreach (var (field, values) in columns)
            await WriteColumn(group, field, values);
    });

    static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Array values) => values switch
    {
        double?[] v => group.WriteAsync(field, (ReadOnlyMemory<double?>)v),
        long[] v => group.WriteAsync(field, (ReadOnlyMemory<long>)v),
        bool[] v => group.WriteAsync(field, (ReadOnlyMemory<bool>)v),
        string?[] v => group.WriteAsync(field, v),
        _ => throw new NotSupportedException($"Column type {values.GetType().Name} is not supported."),
    };
}
