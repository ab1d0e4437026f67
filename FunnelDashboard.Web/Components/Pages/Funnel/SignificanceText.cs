using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>
/// The funnel's significance between the groups of its breakdown, in plain words and as a table: each group's
/// conversion through the whole funnel with its 95 % Wilson interval, and whether the two-proportion z-test says the
/// difference is more than chance.
/// </summary>
public static class SignificanceText
{
    /// <summary>A p-value under this is called significant (the usual 5 % level).</summary>
    public const double Level = 0.05;

    /// <summary>The groups that have users (a filter on the breakdown's own dimension empties the others).</summary>
    public static IReadOnlyList<GroupConversion> Groups(FunnelSignificance significance) => significance.Groups.Where(g => g.Users > 0).ToList();

    /// <summary>"Mobile converts at 1.04% (0.93%–1.16%), Desktop at 0.24% (0.21%–0.29%); the difference is significant (p &lt; 0.001)."</summary>
    public static string Sentence(FunnelSignificance significance)
    {
        var groups = Groups(significance);
        if (groups.Count == 0) return "No users entered the funnel.";
        var rates = groups.Select((g, i) => $"{g.Value}{(i == 0 ? " converts" : "")} at {Formats.Rate(g.Rate)} ({Formats.Rate(g.Lower)}–{Formats.Rate(g.Upper)})");
        var verdict = significance.PValue switch
        {
            _ when groups.Count == 1 => "the filters leave no other group to compare with",
            null => "no test is possible, as nobody (or everybody) converted",
            double p and < Level => $"the difference is significant ({PText(p)})",
            double p => $"the difference could be chance ({PText(p)})",
        };
        return $"{string.Join(", ", rates)}; {verdict}.";
    }

    public static string PText(double p) => p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", CultureInfo.InvariantCulture);

    public static IReadOnlyList<DataColumn<GroupConversion>> Columns { get; } =
    [
        new("Group", g => g.Value),
        new("Users", g => g.Users, g => Formats.Count(g.Users), Numeric: true),
        new("Converted", g => g.Conversions, g => Formats.Count(g.Conversions), Numeric: true),
        new("Conversion", g => g.Rate, g => Formats.Rate(g.Rate), Numeric: true, RawTitle: "Conversion (ratio)"),
        new("95 % low", g => g.Lower, g => Formats.Rate(g.Lower), Numeric: true, RawTitle: "95 % low (ratio)"),
        new("95 % high", g => g.Upper, g => Formats.Rate(g.Upper), Numeric: true, RawTitle: "95 % high (ratio)"),
    ];
}
