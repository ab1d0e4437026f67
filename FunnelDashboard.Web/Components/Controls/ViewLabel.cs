using System.Globalization;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// What a view shows, in words and as a file name, so an export says which data it holds:
/// "Mobile · 2015-02-01 – 2015-03-31" and <c>funnel_mobile_2015-02-01_2015-03-31.png</c>.
/// </summary>
public sealed partial class ViewLabel
{
    readonly List<(string Text, string Slug)> parts = [];

    public static ViewLabel Of(FunnelFilter filter) => Of(new FunnelQuery { Filter = filter });

    public static ViewLabel Of(FunnelQuery query)
    {
        var label = new ViewLabel();
        if (!query.Steps.SequenceEqual(Names.AllPages))
        {
            var steps = query.Steps.Select(Names.Of).ToList();
            label.parts.Add((string.Join(" → ", steps), string.Join('-', steps)));
        }
        var filter = query.Filter;
        if (filter.Device is { } device) label.parts.Add((Names.Of(device), Names.Of(device).ToLowerInvariant()));
        if (filter.Sex is { } sex) label.parts.Add((Names.Of(sex), Names.Of(sex).ToLowerInvariant()));
        switch (filter.From, filter.To)
        {
            case ({ } from, { } to):
                label.parts.Add(($"{Formats.Date(from)} – {Formats.Date(to)}", $"{Formats.Date(from)}_{Formats.Date(to)}"));
                break;
            case ({ } from, null):
                label.parts.Add(($"from {Formats.Date(from)}", $"from-{Formats.Date(from)}"));
                break;
            case (null, { } to):
                label.parts.Add(($"to {Formats.Date(to)}", $"to-{Formats.Date(to)}"));
                break;
        }
        if (query.Breakdown != Breakdown.None)
        {
            var by = query.Breakdown.ToString().ToLowerInvariant();
            label.parts.Add(($"by {by}", $"by-{by}"));
        }
        if (query.WindowHours is { } hours)
            label.parts.Add(($"within {hours.ToString(CultureInfo.InvariantCulture)} h", $"within-{hours.ToString(CultureInfo.InvariantCulture)}h"));
        return label;
    }

    /// <summary>Adds what a page shows beyond the funnel's query (a period length, say), as words and as a file-name part.</summary>
    public ViewLabel And(string text, string slug)
    {
        parts.Add((text, slug));
        return this;
    }

    /// <summary>The filters in words; "All users, all dates" when there are none.</summary>
    public string Text => parts.Count == 0 ? "All users, all dates" : string.Join(" · ", parts.Select(p => p.Text));

    /// <summary>A file name (without extension) for an export of <paramref name="subject"/> in this view.</summary>
    public string FileName(string subject) =>
        string.Join('_', parts.Select(p => p.Slug).Prepend(Slug(subject)));

    /// <summary>Lower case, letters, digits and hyphens only: safe in a file name on every system.</summary>
    public static string Slug(string text) => NotSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
