using Parquet;
using Parquet.Schema;

// usage: SweepCompare DIR_A DIR_B — exit 0 when both sweeps hold the same records (every column but the wall time
// `seconds`), each record once; else prints the first differences and exits 1.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SweepCompare DIR_A DIR_B");
    return 2;
}
var a = await Records(args[0]);
var b = await Records(args[1]);
var onlyA = a.Except(b).ToList();
var onlyB = b.Except(a).ToList();
int duplicates = a.Count - a.Distinct().Count() + b.Count - b.Distinct().Count();
Console.WriteLine($"{args[0]}: {a.Count} records; {args[1]}: {b.Count} records; only in the first {onlyA.Count}, only in the second {onlyB.Count}, duplicated {duplicates}");
foreach (string r in onlyA.Take(3)) Console.WriteLine($"  only in first:  {r}");
foreach (string r in onlyB.Take(3)) Console.WriteLine($"  only in second: {r}");
return onlyA.Count == 0 && onlyB.Count == 0 && duplicates == 0 && a.Count > 0 ? 0 : 1;

// One line per record: method partition + every column except `seconds`, values in round-trip form.
static async Task<List<string>> Records(string dir)
{
    var lines = new List<string>();
    foreach (string file in Directory.GetFiles(Path.Combine(dir, "records"), "*.parquet", SearchOption.AllDirectories).Order())
    {
        string method = Path.GetFileName(Path.GetDirectoryName(file)!);
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var columns = new List<(string Name, Array Values)>();
            foreach (DataField field in reader.Schema.GetDataFields().Where(f => f.Name != "seconds"))
                columns.Add((field.Name, await Column(group, field, (int)group.RowCount)));
            for (int row = 0; row < (int)group.RowCount; row++)
                lines.Add(method + "|" + string.Join("|", columns.Select(c => $"{c.Name}={Format(c.Values.GetValue(row))}")));
        }
    }
    return lines;
}

static async Task<Array> Column(ParquetRowGroupReader group, DataField field, int rows)
{
    if (field.ClrType == typeof(double)) { var v = new double?[rows]; await group.ReadAsync(field, v.AsMemory()); return v; }
    if (field.ClrType == typeof(long)) { var v = new long[rows]; await group.ReadAsync(field, v.AsMemory()); return v; }
    if (field.ClrType == typeof(bool)) { var v = new bool[rows]; await group.ReadAsync(field, v.AsMemory()); return v; }
    var s = new string?[rows];
    await group.ReadAsync(field, s.AsMemory());
    return s;
}

static string Format(object? value) => value switch
{
    null => "null",
    double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    _ => value.ToString()!,
};
