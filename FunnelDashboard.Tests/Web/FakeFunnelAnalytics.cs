using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Web;

/// <summary>
/// A deterministic stand-in for the analytics service, for UI tests only: numbers shaped like the public funnel
/// dataset (90,400 users from 2015-01-01 to 2015-04-30) that react to every filter, so a changed filter shows.
/// Each change publishes a new view and tells subscribers through the same throttled notifier as the real service.
/// </summary>
public sealed class FakeFunnelAnalytics : IFunnelAnalytics
{
    readonly ChangeNotifier notifier = new();
    volatile FakeView current = new(1, AnalyticsState.Ready, null, 1);

    public IAnalyticsView Current => current;

    public IDisposable Subscribe(Func<Task> onChanged, TimeSpan minInterval) => notifier.Subscribe(onChanged, minInterval);

    public void SetState(AnalyticsState state, string? message = null) => Publish(current with { State = state, StatusMessage = message });

    /// <summary>Multiplies every count, so a test can push a visible data change.</summary>
    public void SetScale(double scale) => Publish(current with { Scale = scale });

    /// <summary>Makes every funnel computation fail with <paramref name="message"/> (null: succeed again), as a new view.</summary>
    public void SetFailure(string? message) => Publish(current with { Failure = message });

    /// <summary>Replaces the events the live numbers (the wall's) come from, to push an update.</summary>
    public void SetLiveSnapshot(EventSnapshot snapshot) => Publish(current with { LiveSnapshot = snapshot });

    void Publish(FakeView view)
    {
        current = view with { Version = current.Version + 1 };
        notifier.Notify();
    }
}

sealed record FakeView(long Version, AnalyticsState State, string? StatusMessage, double Scale) : IAnalyticsView
{
    static readonly DateRange Data = new(new DateOnly(2015, 1, 1), new DateOnly(2015, 4, 30));
    static readonly long[] UsersPerPage = [90_400, 45_200, 6_030, 452];

    public DateRange? DataRange => State == AnalyticsState.Ready ? Data : null;
    public long EventCount => (long)(142_082 * Scale);
    public DateTime? LastEventTime => DataRange is null ? null : Data.To.ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc);

    /// <summary>The events the live numbers (the wall's) come from: a hand-built snapshot.</summary>
    public EventSnapshot LiveSnapshot { get; init; } = EventSnapshot.Empty;

    public LiveMetrics GetLiveMetrics(DateTime now) => LiveMetrics.Compute(LiveSnapshot, now);

    /// <summary>When set, the message every funnel computation fails with.</summary>
    public string? Failure { get; init; }

    public FunnelResult GetFunnel(FunnelQuery query)
    {
        if (Failure is not null) throw new InvalidOperationException(Failure);
        var steps = Steps(query.Steps, query.Filter, query.WindowHours);
        var groups = query.Breakdown switch
        {
            Breakdown.Device => Enum.GetValues<Device>().Select(d => new FunnelGroup(Names.Of(d), Steps(query.Steps, query.Filter with { Device = d }, query.WindowHours))).ToList(),
            Breakdown.Sex => Enum.GetValues<Sex>().Select(s => new FunnelGroup(Names.Of(s), Steps(query.Steps, query.Filter with { Sex = s }, query.WindowHours))).ToList(),
            _ => null,
        };
        return new(steps, groups);
    }

    public DashboardMetrics GetMetrics(FunnelFilter filter)
    {
        var users = Users(FunnelPage.Home, filter);
        var conversion = users == 0 ? 0 : (double)Users(FunnelPage.Confirmation, filter) / users;
        var byDevice = Enum.GetValues<Device>().ToDictionary(Names.Of, d =>
        {
            var started = Users(FunnelPage.Home, filter with { Device = d });
            return started == 0 ? 0 : (double)Users(FunnelPage.Confirmation, filter with { Device = d }) / started;
        });
        return new(users, (long)(users * 1.4), conversion, byDevice);
    }

    public IReadOnlyList<(DateOnly Date, long Sessions)> GetDailySessions(FunnelFilter filter) =>
        GetDailyConversion(filter).Select(d => (d.Date, (long)(d.Started * 1.4))).ToList();

    public IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter)
    {
        var from = filter.From is { } f && f > Data.From ? f : Data.From;
        var to = filter.To is { } t && t < Data.To ? t : Data.To;
        var days = new List<DailyConversion>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var oneDay = filter with { From = day, To = day };
            var started = Users(FunnelPage.Home, oneDay);
            var converted = Users(FunnelPage.Confirmation, oneDay);
            days.Add(new(day, started, converted, started == 0 ? 0 : (double)converted / started));
        }
        return days;
    }

    // The analyses beyond the funnel: small fixed answers scaled like the rest, enough for pages to render.
    public ConversionTrends GetConversionTrends(TrendsQuery query)
    {
        IReadOnlyList<TrendPeriod> Periods(FunnelFilter filter) => GetDailyConversion(filter)
            .Select(d => new TrendPeriod(d.Date, d.Started, d.Converted, d.Rate, Math.Max(0, d.Rate - 0.01), Math.Min(1, d.Rate + 0.01))).ToList();
        var groups = query.Breakdown switch
        {
            Breakdown.Device => Enum.GetValues<Device>().Select(d => new TrendGroup(Names.Of(d), Periods(query.Filter with { Device = d }))).ToList(),
            Breakdown.Sex => Enum.GetValues<Sex>().Select(s => new TrendGroup(Names.Of(s), Periods(query.Filter with { Sex = s }))).ToList(),
            _ => null,
        };
        return new(Periods(query.Filter), groups);
    }

    public UserJourneys GetUserJourneys(JourneyQuery query)
    {
        var users = Users(FunnelPage.Home, query.Filter);
        return new(users, [new(["home"], users / 2, 0.5, 0), new(["home", "search"], users / 2, 0.5, 0.01)],
            [new("home", "search", users / 2), new("home", UserJourneys.Exit, users / 2)]);
    }

    public CohortRetention GetCohortRetention(CohortQuery query) =>
        new([new Cohort(Data.From, Users(FunnelPage.Home, query.Filter with { To = Data.From.AddDays(6) }), [1, 0.2], [0.005, 0.001])]);

    public SentimentAnalysis GetSentiment(SentimentQuery query)
    {
        var patterns = new SentimentPatterns(10, 5, 5, 40, 30, 20, 10, 2, 3, 1);
        IReadOnlyList<FunnelPage> shown = query.Page is { } page ? [page] : Names.AllPages;
        var pages = shown.Select(p => new PageSentiment(Names.Of(p), 20, 100, 6, 86 / 126.0, 126 / 136.0, patterns)).ToList();
        return new(pages, [new(Data.From, 0.5, 126)]);
    }

    /// <summary>Users 1 to 999,999 (the seed's ids are six digits), each with one session of two visits and three interactions.</summary>
    public UserBehavior? GetUserBehavior(long userId, FunnelFilter filter)
    {
        if (userId is < 1 or > 999_999) return null;
        var start = Data.From.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var session = new BehaviorSession(start, start.AddSeconds(150),
            [new("home", start, 40), new("search", start.AddSeconds(50), 100)],
            [new("home", "click", start.AddSeconds(10), 120, 300), new("search", "scroll", start.AddSeconds(60), 0, 400), new("search", "back", start.AddSeconds(150), 0, 0)]);
        return new(new BehaviorUser(userId, "Desktop", "Female", start), [session], "search",
            new SentimentSummary(1, 2, 0, -1 / 3.0, 3 / 13.0, new SentimentPatterns(1, 0, 0, 1, 1, 0, 0, 0, 0, 0)));
    }

    public FunnelSignificance GetSignificance(FunnelQuery query) => FunnelSignificance.Of(GetFunnel(query));

    public TimeToConvert GetTimeToConvert(TimeToConvertQuery query) =>
        new(Names.Of(query.Funnel.Steps[query.FromStep]), Names.Of(query.Funnel.Steps[query.ToStep]), 452, 900, 2400,
            TimeToConvert.BinEdges.Select((edge, i) => new TimeBin(edge, i + 1 < TimeToConvert.BinEdges.Length ? TimeToConvert.BinEdges[i + 1] : null, i is 6 or 7 ? 226 : 0)).ToList());

    IReadOnlyList<FunnelStep> Steps(IReadOnlyList<FunnelPage> pages, FunnelFilter filter, int? windowHours)
    {
        // A conversion window lets fewer users reach the later steps.
        var windowShare = windowHours is { } hours ? Math.Min(1, 0.5 + hours / 96.0) : 1;
        var users = pages.Select((p, i) => (long)Math.Round(Users(p, filter) * Math.Pow(windowShare, i))).ToList();
        return pages.Select((page, i) => new FunnelStep(
            Names.Of(page),
            users[i],
            i == 0 ? 1 : Ratio(users[i], users[i - 1]),
            Ratio(users[i], users[0]),
            i + 1 < users.Count ? users[i] - users[i + 1] : 0,
            i + 1 < users.Count ? 95.0 * (i + 1) : null,
            i + 1 < users.Count ? 300.0 * (i + 1) : null)).ToList();
    }

    long Users(FunnelPage page, FunnelFilter filter)
    {
        var from = filter.From is { } f && f > Data.From ? f : Data.From;
        var to = filter.To is { } t && t < Data.To ? t : Data.To;
        if (to < from) return 0;
        var dayShare = (to.DayNumber - from.DayNumber + 1) / (double)(Data.To.DayNumber - Data.From.DayNumber + 1);
        // Mobile users convert far better in the dataset; sex barely matters.
        var deviceShare = filter.Device switch { Device.Desktop => page >= FunnelPage.Payment ? 0.35 : 0.67, Device.Mobile => page >= FunnelPage.Payment ? 0.65 : 0.33, _ => 1 };
        var sexShare = filter.Sex switch { Sex.Male => 0.5, Sex.Female => 0.5, _ => 1 };
        // Later months bring fewer visitors: enough of a trend for the previous-period arrows to show.
        var trend = 1.15 - 0.3 * ((from.DayNumber + to.DayNumber) / 2.0 - Data.From.DayNumber) / (Data.To.DayNumber - Data.From.DayNumber);
        return (long)Math.Round(UsersPerPage[(int)page] * dayShare * deviceShare * sexShare * trend * Scale);
    }

    static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
