using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components;

/// <summary>
/// An analytics page that shows one result computed from the view and the link's query. It computes nothing for an
/// invalid link or before there is data (the page shows why instead), and a failure to compute is not a broken page:
/// its message, <see cref="LoadError"/>, takes the result's place (the <c>Computed</c> control shows it with a way to
/// try again) until a later view computes.
/// </summary>
public abstract class ResultPage<TResult> : AnalyticsPage where TResult : class
{
    /// <summary>What the page shows; null while there is nothing to show (an invalid link, no data, a failure).</summary>
    protected TResult? Result { get; private set; }

    /// <summary>Why the result could not be computed, or null.</summary>
    protected string? LoadError { get; private set; }

    /// <summary>The result for the page's current query; called only with a valid query and a view that has data.</summary>
    protected abstract TResult ComputeResult(IAnalyticsView view);

    protected override Action Compute(IAnalyticsView view)
    {
        if (QueryErrors is not null || view.DataRange is null) return () => (Result, LoadError) = (null, null);
        try
        {
            var result = ComputeResult(view);
            return () => (Result, LoadError) = (result, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (Result, LoadError) = (null, e.Message);
        }
    }
}
