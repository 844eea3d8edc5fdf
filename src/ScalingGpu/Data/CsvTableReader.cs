using System.Text;

namespace ScalingGpu.Data;

/// <summary>
/// Reads a comma-separated table with a header row (RFC 4180 quoting, a quoted field may span lines); lines starting
/// with '#' and blank lines are skipped. Rows are labelled by the line they start on.
/// </summary>
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
            int first = i;
            var record = new RecordParser(source, first + 1);
            while (!record.Add(lines[i]))   // a quoted field runs on: the record continues on the next line
                if (++i == lines.Length)
                    throw new InputDataException($"{source} line {first + 1}: a quoted field is never closed (it runs to the end of the file); close the quote.");
            List<string> fields = record.Fields;
            if (header is null) { header = fields.Select(f => f.Trim()).ToList(); continue; }
            if (fields.Count != header.Count)
                throw new InputDataException($"{source} line {first + 1}: {fields.Count} fields but the header has {header.Count}; fix the row or quote fields that contain commas.");
            rows.Add(fields);
            labels.Add($"line {first + 1}");
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

    // One record, fed a line at a time (state kept across lines, so a long unclosed field costs linear time). RFC 4180:
    // commas split; a double quote opens a quoted field only as the field's first non-space character (elsewhere it is
    // literal, as in 12" seq); inside quotes "" is a quote and line breaks are kept; after the closing quote only spaces
    // may come before the comma.
    sealed class RecordParser(string source, int lineNumber)
    {
        readonly StringBuilder field = new();
        bool quoted, closed;

        public List<string> Fields { get; } = [];

        /// <summary>Parses one more line; false while a quoted field is still open.</summary>
        public bool Add(string line)
        {
            if (quoted) field.Append('\n');
            for (int i = 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quoted)
                {
                    if (ch != '"') field.Append(ch);
                    else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else { quoted = false; closed = true; }
                }
                else if (ch == ',') { Fields.Add(field.ToString()); field.Clear(); closed = false; }
                else if (closed && ch != ' ')
                    throw new InputDataException($"{source} line {lineNumber}: text after a closing quote; quote the whole field, and write a quote inside it as \"\".");
                else if (ch == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; }
                else if (!closed) field.Append(ch);
            }
            if (quoted) return false;
            Fields.Add(field.ToString());
            return true;
        }
    }
}
