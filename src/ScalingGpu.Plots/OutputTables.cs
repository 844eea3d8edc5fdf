using ScalingGpu.Data;

namespace ScalingGpu.Plots;

/// <summary>Columns of the Parquet files a fit or sweep wrote, read back for plots and reports.</summary>
public sealed class OutputTable
{
    readonly RawTable raw;

    // RawTable is internal to the core library; tables come from TryRead.
    internal OutputTable(RawTable raw) => this.raw = raw;

    /// <summary>The file it was read from.</summary>
    public string Source => raw.Source;

    /// <summary>Rows in the table.</summary>
    public int Count => raw.RowCount;

    /// <summary>A numeric column (null cells are NaN).</summary>
    /// <exception cref="InputDataException">The column is missing.</exception>
    public double[] Numbers(string name) => Column(name).Select(v => v is double d ? d : double.NaN).ToArray();

    /// <summary>A text column.</summary>
    /// <exception cref="InputDataException">The column is missing.</exception>
    public string?[] Texts(string name) => Column(name).Select(v => v?.ToString()).ToArray();

    /// <summary>True when the column exists.</summary>
    public bool Has(string name) => Find(name) >= 0;

    // Exact names, as the writers spell them.
    int Find(string name)
    {
        for (int c = 0; c < raw.Columns.Count; c++)
            if (raw.Columns[c] == name) return c;
        return -1;
    }

    object?[] Column(string name)
    {
        int index = Find(name);
        return index >= 0 ? raw.Cells[index]
            : throw new InputDataException($"{raw.Source}: no column '{name}'; was it written by this version of scalinggpu?");
    }

    /// <summary>Reads <paramref name="file"/> in <paramref name="directory"/>, or null when it is absent.</summary>
    public static OutputTable? TryRead(string directory, string file)
    {
        string path = Path.Combine(directory, file);
        return File.Exists(path) ? new OutputTable(RawTable.Read(path)) : null;
    }
}
