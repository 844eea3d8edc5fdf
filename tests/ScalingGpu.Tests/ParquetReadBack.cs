using Parquet;
using Parquet.Schema;

namespace ScalingGpu.Tests;

/// <summary>Reads a Parquet file's columns with Parquet.Net's own reader, independent of the tool's writer helper.</summary>
internal static class ParquetReadBack
{
    public static Dictionary<string, Array> Columns(string path) => ReadAsync(path).GetAwaiter().GetResult();

    static async Task<Dictionary<string, Array>> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var result = new Dictionary<string, Array>();
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(1, reader.RowGroupCount);
        int rows = (int)group.RowCount;
        foreach (DataField field in reader.Schema.GetDataFields())
        {
            if (field.ClrType == typeof(double)) { var v = new double?[rows]; await group.ReadAsync(field, v.AsMemory()); result[field.Name] = v; }
            else if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>)) { var v = new string?[rows]; await group.ReadAsync(field, v.AsMemory()); result[field.Name] = v; }
            else if (field.ClrType == typeof(long)) { var v = new long[rows]; await group.ReadAsync(field, v.AsMemory()); result[field.Name] = v; }
            else if (field.ClrType == typeof(bool) && field.IsNullable) { var v = new bool?[rows]; await group.ReadAsync(field, v.AsMemory()); result[field.Name] = v; }
            else if (field.ClrType == typeof(bool)) { var v = new bool[rows]; await group.ReadAsync(field, v.AsMemory()); result[field.Name] = v; }
            else Assert.Fail($"{path}: column {field.Name} has unexpected type {field.ClrType}");
        }
        return result;
    }
}
