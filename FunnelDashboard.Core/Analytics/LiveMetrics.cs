using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>Users with a visit in a period, and those of them who completed the default funnel inside it.</summary>
public sealed record LivePeriod(long Users, long Conversions, double ConversionRate);

/// <summary>
/// What a live display shows at one moment: today's (UTC, since midnight) and the last hour's users and conversions,
/// today's funnel by device, events per minute and the newest event's time (events: page visits, what the snapshot
/// holds). A conversion counts in a period when the user's whole funnel, first step to last, lies inside it (the funnel
/// engine on a time-bounded filter). Events stamped after <c>now</c> (a sender's clock ahead of ours) count as now.
/// </summary>
public sealed record LiveMetrics(
    LivePeriod Today,
    LivePeriod LastHour,
    FunnelResult TodayFunnelByDevice,
    IReadOnlyList<long> EventsByMinute,
    double EventsPerMinute,
    DateTime? NewestEvent)
{
    /// <summary>How many minutes <see cref="EventsByMinute"/> covers, oldest first, the last one ending now.</summary>
    public const int TrendMinutes = 60;

    /// <summary>The minutes <see cref="EventsPerMinute"/> averages over: recent enough to move, long enough not to jump.</summary>
    public const int RateMinutes = 5;

    public static LiveMetrics Compute(EventSnapshot snapshot, DateTime now)
    {
        now = UtcTime.Normalize(now);
        var midnight = now.Date;
        var todayFunnel = FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new FunnelFilter { Since = midnight }, Breakdown = Breakdown.Device });
        var (perMinute, newest) = Minutes(snapshot, now);
        return new LiveMetrics(
            Period(snapshot, todayFunnel, midnight),
            Period(snapshot, FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new FunnelFilter { Since = now.AddHours(-1) } }), now.AddHours(-1)),
            todayFunnel,
            perMinute,
            perMinute.TakeLast(RateMinutes).Sum() / (double)RateMinutes,
            newest);
    }

    static LivePeriod Period(EventSnapshot snapshot, FunnelResult funnel, DateTime since)
    {
        var last = funnel.Steps[^1];
        return new LivePeriod(FunnelEngine.Activity(snapshot, new FunnelFilter { Since = since }).Users, last.Users, last.ConversionFromStart);
    }

    /// <summary>One pass over every event: counts per minute back from now (rolling minutes, not clock minutes), and the newest time.</summary>
    static (long[] PerMinute, DateTime? Newest) Minutes(EventSnapshot snapshot, DateTime now)
    {
        var nowTime = (long)EventSnapshot.ToTime(now);
        var counts = UserChunks.Count(snapshot, TrendMinutes, (partial, range) =>
        {
            var (part, times) = (range.Part, range.Part.EventTime);
            for (int e = part.EventStart[range.First], end = part.EventStart[range.Last]; e < end; e++)
            {
                var minutesAgo = Math.Max(0, nowTime - times[e]) / 60;
                if (minutesAgo < TrendMinutes) partial[TrendMinutes - 1 - minutesAgo]++;
            }
        });
        return (counts, snapshot.EventCount == 0 ? null : EventSnapshot.ToDateTime(snapshot.LastEventTime));
    }
}
