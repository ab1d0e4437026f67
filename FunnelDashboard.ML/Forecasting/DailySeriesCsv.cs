using System.Globalization;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Reads and writes <c>date,value</c> CSV files (ISO dates, invariant-culture numbers, optional header).</summary>
public static class DailySeriesCsv
{
    public const string Header = "date,value";

    /// <summary>Reads the file; a first line whose first field is not a date is taken as a header and skipped. Dates without a row are unknown.</summary>
    /// <exception cref="FormatException">A row is not a date and a number; the message names the file and line.</exception>
    public static DailySeries Read(string path)
    {
        var points = new List<(DateOnly, double)>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            bool isDate = TryParseDate(fields[0], out var date);
            if (lineNumber == 1 && !isDate) continue;
            if (fields.Length != 2 || !isDate
                || !double.TryParse(Unquote(fields[1]), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value))
                throw new FormatException($"{path}, line {lineNumber}: expected 'yyyy-MM-dd,number', got '{line}'.");
            points.Add((date, value));
        }
        if (points.Count == 0) throw new FormatException($"{path}: no data rows.");
        return DailySeries.FromPoints(points);
    }

    private static bool TryParseDate(string field, out DateOnly date) =>
        DateOnly.TryParseExact(Unquote(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Unquote(string field) => field.Trim().Trim('"');

    /// <summary>Writes one row per known day; an unknown day is left out, as a gap, so it reads back unknown.</summary>
    public static void Write(string path, DailySeries series)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        for (int i = 0; i < series.Length; i++)
            if (!series.IsMissing(i)) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.DateAt(i):yyyy-MM-dd},{series.Values[i]}"));
    }
}
