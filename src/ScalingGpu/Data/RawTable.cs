namespace ScalingGpu.Data;

/// <summary>A table as read from disk, before column mapping: named columns of cells and where each row came from.</summary>
/// <param name="Source">File name used in messages.</param>
/// <param name="Columns">Column names in file order.</param>
/// <param name="Cells">Cells by column: <c>Cells[c][r]</c> is a string (CSV) or a boxed number (Parquet).</param>
/// <param name="RowLabels">Where row r sits in the file, for messages ("line 12" for CSV, "row 12" for Parquet).</param>
internal sealed record RawTable(string Source, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Cells, IReadOnlyList<string> RowLabels)
{
    /// <summary>Number of data rows.</summary>
    public int RowCount => RowLabels.Count;

    /// <summary>Index of the column named <paramref name="name"/> (case-insensitive), or −1.</summary>
    public int Find(string name)
    {
        for (int c = 0; c < Columns.Count; c++)
            if (string.Equals(Columns[c], name, StringComparison.OrdinalIgnoreCase)) return c;
        return -1;
    }

    /// <summary>Reads a CSV or Parquet file, chosen by extension (.parquet / .pq, anything else is CSV).</summary>
    /// <exception cref="InputDataException">The file is missing, unreadable or malformed.</exception>
    public static RawTable Read(string path)
    {
        if (!File.Exists(path))
            throw new InputDataException($"{path}: file not found; pass the path of a CSV or Parquet table of runs.");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".parquet" or ".pq" ? ParquetTableReader.Read(path) : CsvTableReader.Read(path);
    }
}
