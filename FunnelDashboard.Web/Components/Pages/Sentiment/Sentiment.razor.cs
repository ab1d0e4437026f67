using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.Components.Pages.Sentiment;

/// <summary>
/// Sentiment per page: score and confidence, the pattern mix, the daily trend and the detectors' counts. Its state is
/// the URL's query in the API's grammar (<see cref="SentimentQuery"/>: from, to, device, sex, page).
/// </summary>
public sealed partial class Sentiment
{
    SentimentQuery query = new(FunnelFilter.All);
    IReadOnlyList<string>? queryErrors;
    SentimentModel? model;
    string? loadError;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = SentimentQuery.Parse(parameter);
        queryErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        query = parsed.Value ?? new SentimentQuery(FunnelFilter.All);
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (currentQuery, invalid) = (query, queryErrors is not null);
        if (invalid || view.DataRange is null) return () => (model, loadError) = (null, null);
        try
        {
            var computed = new SentimentModel(view.GetSentiment(currentQuery));
            return () => (model, loadError) = (computed, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (model, loadError) = (null, e.Message);
        }
    }

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
