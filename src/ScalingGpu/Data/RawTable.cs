namespace ScalingGpu.Data;

/// <summary>A table as read from disk, before column mapping: named columns of cells and where each row came from.</summary>
/// <param name="Source">File name used in messages.</param>
/// <param name="Columns">Column names in file order.</param>
/// <param name="Cells">Cells by column: <c>Cells[c][r]</c> is a string (CSV) or a boxed number (Parquet).</param>
/// <param name="RowLabels">Where row r sits in the file, for messages ("line 12" for CSV, "row 12" for Parquet).</param>
internal sealed record RawTable(string Source, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Cells, IReadOnlyList<string> RowLabels)
{
    /// <summary>The number in a row label ("line 12" → 12, "row 12" → 12), as outputs write it for SQL.</summary>
    public static int RowNumber(string label) => int.Parse(label[(label.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Number of data rows.</summary>
    public int RowCount => RowLabels.Count;

    /// <summary>
    /// Index of the column named <paramref name="name"/>: the exact name, else the one name equal apart from case; −1
    /// when none. Never a guess: a name the header holds twice, or that matches several columns apart from case, is refused.
    /// </summary>
    /// <exception cref="InputDataException">The name is ambiguous.</exception>
    public int Find(string name)
    {
        int[] exact = Matches(name, StringComparison.Ordinal);
        if (exact.Length > 1)
            throw new InputDataException($"{Source}: the header names column '{name}' {exact.Length} times (columns {string.Join(", ", exact.Select(c => c + 1))}); rename all but one.");
        if (exact.Length == 1) return exact[0];
        int[] folded = Matches(name, StringComparison.OrdinalIgnoreCase);
        if (folded.Length > 1)
            throw new InputDataException($"{Source}: '{name}' matches columns {string.Join(", ", folded.Select(c => $"'{Columns[c]}'"))} apart from case; name one of them exactly.");
        return folded.Length == 1 ? folded[0] : -1;
    }

    int[] Matches(string name, StringComparison comparison) =>
        Enumerable.Range(0, Columns.Count).Where(c => string.Equals(Columns[c], name, comparison)).ToArray();

    /// <summary>Reads a CSV or Parquet file: Parquet by extension (.parquet / .pq) or by its first bytes (PAR1), else CSV.</summary>
    /// <exception cref="InputDataException">The file is missing, unreadable or malformed.</exception>
    public static RawTable Read(string path)
    {
        if (Directory.Exists(path))
            throw new InputDataException($"{path}: is a folder; pass the path of a CSV or Parquet file.");
        if (!File.Exists(path))
            throw new InputDataException($"{path}: file not found; pass the path of a CSV or Parquet file.");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".parquet" or ".pq" || IsParquet(path) ? ParquetTableReader.Read(path) : CsvTableReader.Read(path);
    }

    // A Parquet file begins and ends with the bytes PAR1, so one without its extension is still read as Parquet.
    static bool IsParquet(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length < 12) return false;
            Span<byte> head = stackalloc byte[4], tail = stackalloc byte[4];
            stream.ReadExactly(head);
            stream.Seek(-4, SeekOrigin.End);
            stream.ReadExactly(tail);
            return head.SequenceEqual("PAR1"u8) && tail.SequenceEqual("PAR1"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;   // the CSV reader reports it
        }
    }
}
