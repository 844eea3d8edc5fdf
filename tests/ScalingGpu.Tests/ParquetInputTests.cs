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
}
