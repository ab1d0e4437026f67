using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Journeys;

/// <summary>
/// Journeys: the flow diagram of the top paths, the paths and the page-to-page flows. Its state is the URL's query in
/// the API's grammar (<see cref="JourneyQuery"/>: from, to, device, sex, limit, max_length).
/// </summary>
public sealed partial class Journeys
{
    static readonly IReadOnlyList<int> Limits = [5, 10, 20, 50, JourneyQuery.MaxLimit];

    static readonly JourneyQuery Default = new(FunnelFilter.All);

    JourneyQuery query = Default;

    /// <summary>The offered choices, with the link's own value among them.</summary>
    static IEnumerable<int> Choices(IReadOnlyList<int> common, int current) => common.Contains(current) ? common : common.Append(current).Order();

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        query = ReadQuery(JourneyQuery.Parse(parameter), Default);
        Recompute();
    }

    /// <summary>The paths and flows, and the diagram's links of the paths' first pages.</summary>
    protected override JourneysView ComputeResult(IAnalyticsView view)
    {
        var current = query;
        var journeys = view.GetUserJourneys(current);
        return new(journeys, JourneyDiagram.Links(journeys.Paths, current.MaxLength));
    }

    void Show(JourneyQuery next)
    {
        if (next == query) return;
        var parameters = new Dictionary<string, string?>(new FunnelQuery { Filter = next.Filter }.ToParameters())
        {
            ["limit"] = next.Limit == JourneyQuery.DefaultLimit ? null : next.Limit.ToString(CultureInfo.InvariantCulture),
            ["max_length"] = next.MaxLength == JourneyQuery.DefaultMaxLength ? null : next.MaxLength.ToString(CultureInfo.InvariantCulture),
        };
        NavigateToQuery(parameters);
    }

    void SetLimit(object? value)
    {
        if (int.TryParse(value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)) Show(query with { Limit = limit });
    }

    void SetMaxLength(object? value)
    {
        if (int.TryParse(value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var length)) Show(query with { MaxLength = length });
    }
}
