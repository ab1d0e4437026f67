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

    JourneyQuery query = new(FunnelFilter.All);
    IReadOnlyList<string>? queryErrors;
    UserJourneys? journeys;
    IReadOnlyList<FlowLink> links = [];
    string? loadError;

    /// <summary>The offered choices, with the link's own value among them.</summary>
    static IEnumerable<int> Choices(IReadOnlyList<int> common, int current) => common.Contains(current) ? common : common.Append(current).Order();

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = JourneyQuery.Parse(parameter);
        queryErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        query = parsed.Value ?? new JourneyQuery(FunnelFilter.All);
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (currentQuery, invalid) = (query, queryErrors is not null);
        if (invalid || view.DataRange is null) return () => (journeys, links, loadError) = (null, [], null);
        try
        {
            var computed = view.GetUserJourneys(currentQuery);
            var diagram = JourneyDiagram.Links(computed.Paths, currentQuery.MaxLength);
            return () => (journeys, links, loadError) = (computed, diagram, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (journeys, links, loadError) = (null, [], e.Message);
        }
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
