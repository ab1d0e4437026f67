using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// One forecast question: how many days ahead, of which metric, for which page (none: the site total). Query
/// parameters (GET) and JSON bodies (POST) go through the same rules, with errors keyed by the API's field names.
/// </summary>
public sealed record ForecastQuery(int DaysAhead, string Metric, FunnelPage? Page)
{
    /// <summary>The models forecast one week at once.</summary>
    public const int MaxDaysAhead = 7;
    public const string PageVisits = "page_visits";
    public static IReadOnlyList<string> KnownMetrics { get; } = [PageVisits];

    public string Series => VisitSeries.KeyOf(Page);

    /// <summary>Parses days_ahead, metric and page; absent ones take their defaults (7 days, page_visits, the total).</summary>
    public static QueryParseResult<ForecastQuery> Parse(Func<string, string?> parameter)
    {
        var errors = new Dictionary<string, string[]>();
        int? daysAhead = null;
        if (parameter("days_ahead") is { Length: > 0 } text)
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days)) daysAhead = days;
            else Fail(errors, "days_ahead", $"'{text}' is not a whole number. {DaysAheadRule}");
        }
        return Create(daysAhead, parameter("metric"), parameter("page"), "metric", errors);
    }

    /// <param name="metricField">The field that named the metric, for the error ("metric", or "metrics" for a list).</param>
    public static QueryParseResult<ForecastQuery> Create(int? daysAhead, string? metric, string? page, string metricField = "metric") =>
        Create(daysAhead, metric, page, metricField, new Dictionary<string, string[]>());

    static QueryParseResult<ForecastQuery> Create(int? daysAhead, string? metric, string? page, string metricField, Dictionary<string, string[]> errors)
    {
        if (daysAhead is < 1 or > MaxDaysAhead) Fail(errors, "days_ahead", $"{daysAhead} is out of range. {DaysAheadRule}");

        var knownMetric = KnownMetrics.FirstOrDefault(m => m.Equals(string.IsNullOrWhiteSpace(metric) ? PageVisits : metric.Trim(), StringComparison.OrdinalIgnoreCase));
        if (knownMetric is null) Fail(errors, metricField, $"Unknown metric '{metric}'. Known metrics: {string.Join(", ", KnownMetrics)}.");

        FunnelPage? funnelPage = null;
        if (page is { Length: > 0 } && !page.Trim().Equals(VisitSeries.Total, StringComparison.OrdinalIgnoreCase))
        {
            if (Names.TryParsePage(page, out var parsed)) funnelPage = parsed;
            else Fail(errors, "page", $"Unknown page '{page}'. Known pages: {string.Join(", ", Names.AllPages.Select(Names.Of))} (none: the site total).");
        }

        return new(errors.Count == 0 ? new ForecastQuery(daysAhead ?? MaxDaysAhead, knownMetric!, funnelPage) : null, errors);
    }

    static string DaysAheadRule => $"days_ahead must be from 1 to {MaxDaysAhead}: the model forecasts {MaxDaysAhead} days.";

    static void Fail(Dictionary<string, string[]> errors, string name, string message) => errors.TryAdd(name, [message]);
}
