namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// The analytics the UI and API read: a singleton holding the newest <see cref="IAnalyticsView"/> of the data. Read
/// <see cref="Current"/> once per answer or page, so everything shown together comes from one version.
/// </summary>
public interface IFunnelAnalytics
{
    IAnalyticsView Current { get; }

    /// <summary>
    /// Calls <paramref name="onChanged"/> after new views appear (new data, or a state change), at most once per
    /// <paramref name="minInterval"/>: a burst of changes becomes one call, made after the burst with the newest view.
    /// Dispose the subscription to stop.
    /// </summary>
    IDisposable Subscribe(Func<Task> onChanged, TimeSpan minInterval);
}

/// <summary>
/// One version of the analytics: the data as of one snapshot and the state it was in. Immutable; answers are
/// computed once per (version, question) and shared by every reader.
/// </summary>
public interface IAnalyticsView
{
    /// <summary>Increases with every new view.</summary>
    long Version { get; }
    AnalyticsState State { get; }
    /// <summary>Why the state is not Ready, for a banner; null when Ready.</summary>
    string? StatusMessage { get; }
    /// <summary>First and last event dates in the data; null when empty.</summary>
    DateRange? DataRange { get; }
    /// <summary>Page visits in the view's data.</summary>
    long EventCount { get; }
    /// <summary>The newest page visit's time, or null when there are none.</summary>
    DateTime? LastEventTime { get; }

    FunnelResult GetFunnel(FunnelQuery query);
    DashboardMetrics GetMetrics(FunnelFilter filter);
    /// <summary>Per day of the filter's range: users who started the default funnel that day and how many reached its last step.</summary>
    IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter);
    /// <summary>Sessions started per day (days without any left out), within the filter.</summary>
    IReadOnlyList<(DateOnly Date, long Sessions)> GetDailySessions(FunnelFilter filter);
    /// <summary>Today's and the last hour's numbers for a live display, as of <paramref name="now"/>.</summary>
    LiveMetrics GetLiveMetrics(DateTime now);

    ConversionTrends GetConversionTrends(TrendsQuery query);
    UserJourneys GetUserJourneys(JourneyQuery query);
    CohortRetention GetCohortRetention(CohortQuery query);
    SentimentAnalysis GetSentiment(SentimentQuery query);
    /// <summary>One user's story; null when the data has no such user.</summary>
    UserBehavior? GetUserBehavior(long userId, FunnelFilter filter);
    /// <summary>Conversion per group of the query's breakdown, with intervals and a test between two groups.</summary>
    FunnelSignificance GetSignificance(FunnelQuery query);
    TimeToConvert GetTimeToConvert(TimeToConvertQuery query);
}
