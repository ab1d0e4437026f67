using System.Globalization;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Reads and writes <c>date,value</c> CSV files (ISO dates, invariant-culture numbers, optional header).</summary>
public static class DailySeriesCsv
{
    public const string Header = "date,value";

    /// <exception cref="FormatException">A row is not a date and a number; the message names the file and line.</exception>
    public static DailySeries Read(string path)
    {
        var points = new List<(DateOnly, double)>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (lineNumber == 1 && line.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase)) continue;
            var fields = line.Split(',');
            if (fields.Length != 2
                || !DateOnly.TryParseExact(fields[0].Trim().Trim('"'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !double.TryParse(fields[1].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value))
                throw new FormatException($"{path}, line {lineNumber}: expected 'yyyy-MM-dd,number', got '{line}'.");
            points.Add((date, value));
        }
        if (points.Count == 0) throw new FormatException($"{path}: no data rows.");
        return DailySeries.FromPoints(points);
    }

    public static void Write(string path, DailySeries series)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        for (int i = 0; i < series.Length; i++)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.DateAt(i):yyyy-MM-dd},{series.Values[i]}"));
    }
}
