using Parquet;
using Parquet.Schema;

namespace ScalingGpu.Data;

/// <summary>
/// Reads every top-level column of a Parquet file (all row groups) into a <see cref="RawTable"/>: numbers of any width
/// (decimals and unsigned too) as doubles, flags, text; other types (dates, lists, maps, structs) as a placeholder that only
/// an error names, so a column the fit does not use never stops the read.
/// </summary>
internal static class ParquetTableReader
{
    public static RawTable Read(string path)
    {
        string source = Path.GetFileName(path);
        try
        {
            return ReadAsync(path, source).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ParquetException or ArgumentException)
        {
            throw new InputDataException($"{source}: not a readable Parquet file ({e.Message}).");
        }
    }

    static async Task<RawTable> ReadAsync(string path, string source)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        IReadOnlyList<Field> fields = reader.Schema.Fields;
        var columns = fields.Select(_ => new List<object?>()).ToArray();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            for (int c = 0; c < fields.Count; c++)
                columns[c].AddRange(fields[c] is DataField { MaxRepetitionLevel: 0 } data ? await ReadColumnAsync(group, data, rows)
                                                                : Enumerable.Repeat<object?>(new UnreadableValue(TypeName(fields[c])), rows));
        }
        int count = columns.Length == 0 ? 0 : columns[0].Count;
        var labels = Enumerable.Range(1, count).Select(r => $"row {r}").ToList();
        return new RawTable(source, fields.Select(f => f.Name).ToList(), columns.Select(c => c.ToArray()).ToList(), labels);
    }

    // A repeated primitive (a legacy list without the LIST wrapper) is a list too.
    static string TypeName(Field field) => field is DataField ? "list" : field.SchemaType.ToString().ToLowerInvariant();

    // Numbers come back boxed as double, flags as bool, text as string; other types become a placeholder the mapper can name.
    static async Task<IEnumerable<object?>> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        Type t = field.ClrType;
        if (t == typeof(double)) return await Numbers<double>(group, field, rows, v => v);
        if (t == typeof(float)) return await Numbers<float>(group, field, rows, v => v);
        if (t == typeof(long)) return await Numbers<long>(group, field, rows, v => v);
        if (t == typeof(int)) return await Numbers<int>(group, field, rows, v => v);
        if (t == typeof(decimal)) return await Numbers<decimal>(group, field, rows, v => (double)v);
        if (t == typeof(ulong)) return await Numbers<ulong>(group, field, rows, v => v);
        if (t == typeof(uint)) return await Numbers<uint>(group, field, rows, v => v);
        if (t == typeof(short)) return await Numbers<short>(group, field, rows, v => v);
        if (t == typeof(ushort)) return await Numbers<ushort>(group, field, rows, v => v);
        if (t == typeof(sbyte)) return await Numbers<sbyte>(group, field, rows, v => v);
        if (t == typeof(byte)) return await Numbers<byte>(group, field, rows, v => v);
        if (t == typeof(bool) && field.IsNullable)
        {
            var flags = new bool?[rows];
            await group.ReadAsync(field, flags.AsMemory());
            return flags.Select(f => f.HasValue ? (object?)f.Value : null);
        }
        if (t == typeof(bool))
        {
            var flags = new bool[rows];
            await group.ReadAsync(field, flags.AsMemory());
            return flags.Select(f => (object?)f);
        }
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))   // Parquet.Net 6 reports text columns as ReadOnlyMemory<char>
        {
            var text = new string?[rows];
            await group.ReadAsync(field, text.AsMemory());
            return text;
        }
        return Enumerable.Repeat<object?>(new UnreadableValue(t.Name), rows);
    }

    static async Task<IEnumerable<object?>> Numbers<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, double> toDouble)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync(field, values.AsMemory());
            return values.Select(v => v.HasValue ? (object?)toDouble(v.Value) : null);
        }
        var plain = new T[rows];
        await group.ReadAsync(field, plain.AsMemory());
        return plain.Select(v => (object?)toDouble(v));
    }
}

/// <summary>A Parquet cell of a type the tool does not read (a date, a list, ...): an error names its type if a fit needs it.</summary>
internal sealed record UnreadableValue(string Type);
