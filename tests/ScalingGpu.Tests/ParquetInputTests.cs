using Parquet.Serialization;
using ScalingGpu.Data;

namespace ScalingGpu.Tests;

/// <summary>
/// Parquet inputs as DuckDB, pandas or Spark write them: decimals and unsigned integers are numbers, columns the fit does
/// not use (lists, maps, dates) never stop the read, and a file without the .parquet extension is still Parquet.
/// </summary>
public sealed class ParquetInputTests
{
    public sealed class Run
    {
        public double N { get; set; }
        public ulong D { get; set; }
        public decimal Loss { get; set; }
        public uint Budget { get; set; }
        public List<int> Tags { get; set; } = [];
        public DateTime Finished { get; set; }
    }

    static async Task<string> WriteAsync()
    {
        var runs = TestData.Llama3();
        var rows = Enumerable.Range(0, 8).Select(i => new Run
        {
            N = runs.Params[i], D = (ulong)runs.Tokens[i], Loss = (decimal)runs.Loss[i], Budget = (uint)(i % 2),
            Tags = [i, i + 1], Finished = new DateTime(2026, 1, 1).AddDays(i),
        }).ToList();
        string path = Path.Combine(CliRunner.TempDir(), "runs.data");   // no extension: recognised by its PAR1 magic
        await ParquetSerializer.SerializeAsync(rows, path);
        return path;
    }

    [Fact]
    public async Task DecimalAndUnsignedColumns_AreNumbers_AndUnusedListAndDateColumnsAreIgnored()
    {
        string path = await WriteAsync();
        RunTable table = RunTableReader.Read(path, new ColumnMap(Params: "N", Tokens: "D", Loss: "Loss"));
        var runs = TestData.Llama3();
        Assert.Equal(runs.Params[..8], table.Params);
        Assert.Equal(runs.Tokens[..8].Select(Math.Floor), table.Tokens);
        Assert.Equal(runs.Loss[..8].Select(v => (double)(decimal)v), table.Loss);
    }

    [Theory]
    [InlineData("Finished", "DateTime values are not numbers")]
    [InlineData("Tags", "list values are not numbers")]
    public async Task ANonNumericColumnAskedFor_IsNamedWithItsType(string column, string fragment)
    {
        string path = await WriteAsync();
        var error = Assert.Throws<InputDataException>(() => RunTableReader.Read(path, new ColumnMap(Params: "N", Tokens: "D", Loss: column)));
        Assert.Contains($"column '{column}'", error.Message);
        Assert.Contains(fragment, error.Message);
    }
    /// <summary>A repeated primitive column (a list without the LIST wrapper, as older writers make) is a list too.</summary>
    [Fact]
    public async Task ALegacyRepeatedColumn_IsIgnoredUnlessAskedFor()
    {
        var runs = TestData.Llama3();
        var schema = new Parquet.Schema.ParquetSchema(new Parquet.Schema.DataField<double>("N"), new Parquet.Schema.DataField<double>("D"),
            new Parquet.Schema.DataField<double>("loss"), new Parquet.Schema.DataField("tags", typeof(int), isNullable: false, isArray: true));
        string path = Path.Combine(CliRunner.TempDir(), "repeated.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(schema, stream))
        using (var group = writer.CreateRowGroup())
        {
            var fields = schema.GetDataFields();
            await group.WriteAsync(fields[0], (ReadOnlyMemory<double>)runs.Params[..6]);
            await group.WriteAsync(fields[1], (ReadOnlyMemory<double>)runs.Tokens[..6]);
            await group.WriteAsync(fields[2], (ReadOnlyMemory<double>)runs.Loss[..6]);
            await group.WriteAsync(fields[3], (ReadOnlyMemory<int>)new[] { 1, 2, 3, 4, 5, 6, 7 }, new[] { 0, 1, 0, 0, 0, 0, 0 });
        }
        Assert.Equal(runs.Loss[..6], RunTableReader.Read(path, new ColumnMap()).Loss);
        Assert.Contains("list values are not numbers", Assert.Throws<InputDataException>(() => RunTableReader.Read(path, new ColumnMap(Loss: "tags"))).Message);
    }
}
