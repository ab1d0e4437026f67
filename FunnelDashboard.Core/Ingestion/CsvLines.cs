using System.Text;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>
/// Reads a small-dialect CSV: comma separated, fields optionally quoted with "" as an escaped quote (the published
/// dataset quotes every header and value). Yields each non-empty line's fields with its 1-based line number.
/// </summary>
public static class CsvLines
{
    public static IEnumerable<(int Line, string[] Fields)> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            yield return (lineNumber, Split(line, path, lineNumber));
        }
    }

    static string[] Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new ImportException(path, lineNumber, "a quoted value is not closed");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') throw new ImportException(path, lineNumber, "unexpected text after a quoted value");
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                field.Append(line, i, end - i);
                i = end;
            }
            fields.Add(field.ToString().Trim());
            if (i >= line.Length) return [.. fields];
            i++; // the comma
        }
    }
}
