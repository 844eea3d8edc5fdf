using System.Text;

namespace ScalingGpu.Data;

/// <summary>Reads a comma-separated table with a header row; lines starting with '#' and blank lines are skipped.</summary>
internal static class CsvTableReader
{
    public static RawTable Read(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new InputDataException($"{path}: cannot read the file ({e.Message})."); }

        string source = Path.GetFileName(path);
        List<string>? header = null;
        var rows = new List<List<string>>();
        var labels = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line.TrimStart().StartsWith('#') || line.Trim().Length == 0) continue;
            List<string> fields = SplitLine(line, source, i + 1);
            if (header is null) { header = fields.Select(f => f.Trim()).ToList(); continue; }
            if (fields.Count != header.Count)
                throw new InputDataException($"{source} line {i + 1}: {fields.Count} fields but the header has {header.Count}; fix the row or quote fields that contain commas.");
            rows.Add(fields);
            labels.Add($"line {i + 1}");
        }
        if (header is null)
            throw new InputDataException($"{source}: no header row found; the first non-comment line must name the columns.");

        var cells = new List<object?[]>(header.Count);
        for (int c = 0; c < header.Count; c++)
        {
            var column = new object?[rows.Count];
            for (int r = 0; r < rows.Count; r++) column[r] = rows[r][c].Trim();
            cells.Add(column);
        }
        return new RawTable(source, header, cells, labels);
    }

    // RFC 4180 fields: commas split, double quotes group, "" inside quotes is a quote.
    static List<string> SplitLine(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        if (quoted) throw new InputDataException($"{source} line {lineNumber}: unterminated quoted field; close the quote.");
        fields.Add(field.ToString());
        return fields;
    }
}
