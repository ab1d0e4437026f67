using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>One version of the analytics over one snapshot; answers come from the shared cache.</summary>
public sealed class AnalyticsView(long version, long dataVersion, EventSnapshot snapshot, AnalyticsState state, string? statusMessage, ResultCache cache)
    : IAnalyticsView
{
    public long Version => version;
    /// <summary>Changes only when the snapshot does (a state change keeps it), so cached answers survive state changes.</summary>
    public long DataVersion => dataVersion;
    public EventSnapshot Snapshot => snapshot;
    public AnalyticsState State => state;
    public string? StatusMessage => statusMessage;
    public DateRange? DataRange => snapshot.DataRange;
    public long EventCount => snapshot.EventCount;
    public DateTime? LastEventTime => snapshot.EventCount == 0 ? null : EventSnapshot.ToDateTime(snapshot.LastEventTime);

    public FunnelResult GetFunnel(FunnelQuery query) =>
        cache.GetOrCompute(dataVersion, ("funnel", query), () => FunnelEngine.Compute(snapshot, query));

    public DashboardMetrics GetMetrics(FunnelFilter filter) => cache.GetOrCompute(dataVersion, ("metrics", filter), () =>
    {
        var (users, sessions) = FunnelEngine.Activity(snapshot, filter);
        var funnel = GetFunnel(FunnelQuery.Default with { Filter = filter, Breakdown = Breakdown.Device });
        var byDevice = funnel.Groups!.ToDictionary(g => g.Value, g => g.Steps[^1].ConversionFromStart);
        return new DashboardMetrics(users, sessions, funnel.Steps[^1].ConversionFromStart, byDevice);
    });

    public IReadOnlyList<(DateOnly Date, long Sessions)> GetDailySessions(FunnelFilter filter) =>
        cache.GetOrCompute(dataVersion, ("sessions", filter), () => FunnelEngine.DailySessions(snapshot, filter));

    public IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter) =>
        cache.GetOrCompute(dataVersion, ("daily", filter), () => FunnelEngine.Daily(snapshot, FunnelQuery.Default with { Filter = filter }));

    /// <summary>Shared by every screen asking within the same second.</summary>
    public LiveMetrics GetLiveMetrics(DateTime now)
    {
        var second = new DateTime(UtcTime.Normalize(now).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return cache.GetOrCompute(dataVersion, ("live", second), () => LiveMetrics.Compute(snapshot, second));
    }

    public ConversionTrends GetConversionTrends(TrendsQuery query) =>
        cache.GetOrCompute(dataVersion, ("trends", query), () => ConversionTrends.Of(snapshot, query));

    public UserJourneys GetUserJourneys(JourneyQuery query) =>
        cache.GetOrCompute(dataVersion, ("journeys", query), () => UserJourneys.Of(snapshot, query));

    public CohortRetention GetCohortRetention(CohortQuery query) =>
        cache.GetOrCompute(dataVersion, ("cohorts", query), () => CohortRetention.Of(snapshot, query));

    public SentimentAnalysis GetSentiment(SentimentQuery query) =>
        cache.GetOrCompute(dataVersion, ("sentiment", query), () => SentimentAnalysis.Of(snapshot, query));

    // Boxed, because the cache holds no nulls and an unknown user is a valid answer.
    public UserBehavior? GetUserBehavior(long userId, FunnelFilter filter) =>
        cache.GetOrCompute(dataVersion, ("behavior", userId, filter), () => Tuple.Create(UserBehavior.Of(snapshot, userId, filter))).Item1;

    public FunnelSignificance GetSignificance(FunnelQuery query) =>
        cache.GetOrCompute(dataVersion, ("significance", query), () => FunnelSignificance.Of(GetFunnel(query)));

    public TimeToConvert GetTimeToConvert(TimeToConvertQuery query) =>
        cache.GetOrCompute(dataVersion, ("time-to-convert", query), () => TimeToConvert.Of(snapshot, query));

    internal AnalyticsView With(long newVersion, AnalyticsState newState, string? newMessage) =>
        new(newVersion, dataVersion, snapshot, newState, newMessage, cache);
}
