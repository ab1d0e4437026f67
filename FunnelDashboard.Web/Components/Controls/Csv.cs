using System.Globalization;
using System.Text;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Writes RFC 4180 CSV with invariant-culture values, so exports read back the same everywhere.</summary>
public static class Csv
{
    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows) AppendLine(text, row);
        return text.ToString();
    }

    static void AppendLine(StringBuilder text, IEnumerable<object?> values)
    {
        text.AppendJoin(',', values.Select(v => Escape(ToText(v)))).Append("\r\n");
    }

    static string ToText(object? value) => value switch
    {
        null => "",
        DateOnly date => Formats.Date(date),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
