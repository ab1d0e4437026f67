using System.Globalization;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>How the dashboard writes numbers, so tiles, tables and charts agree. Ratios are 0..1.</summary>
public static class Formats
{
    static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(double value) => value.ToString("N0", Culture);

    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", Culture) + "%";

    /// <summary>A conversion rate: under 1 % with two decimals, so 0.53 % and 0.48 % differ.</summary>
    public static string Rate(double ratio) => ratio < 0.01 ? (ratio * 100).ToString("0.00", Culture) + "%" : Percent(ratio);

    /// <summary>A value already in percent (0..100), as charts plot them.</summary>
    public static string Percentage(double percent) => percent.ToString("0.0", Culture) + "%";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Culture);

    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 60 => $"{seconds.Value.ToString("0", Culture)} s",
        < 3600 => $"{(seconds.Value / 60).ToString("0.#", Culture)} min",
        < 86400 => $"{(seconds.Value / 3600).ToString("0.#", Culture)} h",
        _ => $"{(seconds.Value / 86400).ToString("0.#", Culture)} d",
    };
}
