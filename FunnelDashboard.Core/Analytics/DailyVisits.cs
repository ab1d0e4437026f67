using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Page visits per day, in total and per page, from the first to the last day of the data; days without visits count
/// zero, so every list has one entry per day and all lists share the same dates (the forecaster's input).
/// </summary>
public sealed record DailyVisits(IReadOnlyList<(DateOnly Date, long Visits)> Total, IReadOnlyDictionary<FunnelPage, IReadOnlyList<(DateOnly Date, long Visits)>> ByPage)
{
    public static DailyVisits Of(EventSnapshot snapshot)
    {
        var days = Math.Max(0, snapshot.DayCount);
        var counts = new long[Names.AllPages.Count, days];
        for (var e = 0; e < snapshot.EventCount; e++)
            counts[(int)snapshot.PageOf(e), snapshot.EventTime[e] / 86400 - snapshot.FirstDay]++;

        var dates = Enumerable.Range(0, days).Select(d => EventSnapshot.ToDate((snapshot.FirstDay + d) * 86400)).ToArray();
        var byPage = Names.AllPages.ToDictionary(page => page,
            IReadOnlyList<(DateOnly, long)> (page) => dates.Select((date, d) => (date, counts[(int)page, d])).ToArray());
        var total = dates.Select((date, d) => (date, Names.AllPages.Sum(page => counts[(int)page, d]))).ToArray();
        return new DailyVisits(total, byPage);
    }
}
