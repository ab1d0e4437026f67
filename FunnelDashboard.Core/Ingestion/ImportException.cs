using System.Globalization;
using System.Text;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>Bad import input, located: the message names the file and, where there is one, the line.</summary>
public sealed class ImportException(string path, int? line, string problem)
    : Exception(line is null ? $"{Path.GetFileName(path)}: {problem}" : $"{Path.GetFileName(path)} line {line}: {problem}")
{
    public string FileName { get; } = Path.GetFileName(path);
    public int? Line { get; } = line;
    public string Problem { get; } = problem;

    const int MaxShownChars = 80;

    /// <summary>
    /// A value from the input as an error message shows it: at most 80 characters (a 1 MB field must not make a 1 MB
    /// message), control and other invisible characters escaped (\n, \x00, \u200B) so the line stays one readable line.
    /// </summary>
    public static string Shown(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > MaxShownChars ? value[..MaxShownChars] : value)
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                // Zero-width and direction-changing characters could make the message read differently from the data.
                _ when char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        if (value.Length > MaxShownChars) text.Append($"… ({value.Length:N0} characters)");
        return text.ToString();
    }
}
