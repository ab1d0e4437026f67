using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.Components.Pages.Sentiment;

/// <summary>
/// Sentiment per page: score and confidence, the pattern mix, the daily trend and the detectors' counts. Its state is
/// the URL's query in the API's grammar (<see cref="SentimentQuery"/>: from, to, device, sex, page).
/// </summary>
public sealed partial class Sentiment
{
    static readonly SentimentQuery Default = new(FunnelFilter.All);

    SentimentQuery query = Default;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        query = ReadQuery(SentimentQuery.Parse(parameter), Default);
        Recompute();
    }

    protected override SentimentModel ComputeResult(IAnalyticsView view) => new(view.GetSentiment(query));

    void Show(SentimentQuery next)
    {
        if (next == query) return;
        NavigateToQuery(new Dictionary<string, string?>(new FunnelQuery { Filter = next.Filter }.ToParameters())
        {
            ["page"] = next.Page is { } page ? Names.Of(page) : null,
        });
    }

    void SetPage(object? value) => Show(query with { Page = Names.TryParsePage(value as string, out var page) ? page : null });
}
