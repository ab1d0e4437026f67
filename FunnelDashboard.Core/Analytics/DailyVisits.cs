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
        var (days, firstDay, pageCount) = (Math.Max(0, snapshot.DayCount), snapshot.FirstDay, Names.AllPages.Count);
        // Per page and day: counts[page * days + day].
        var counts = UserChunks.Count(snapshot, pageCount * days, (partial, range) =>
        {
            var part = range.Part;
            for (int e = part.EventStart[range.First], end = part.EventStart[range.Last]; e < end; e++)
                partial[(int)part.PageOf(e) * days + part.EventTime[e] / 86400 - firstDay]++;
        });

        var dates = Enumerable.Range(0, days).Select(d => EventSnapshot.ToDate((firstDay + d) * 86400)).ToArray();
        var byPage = Names.AllPages.ToDictionary(page => page,
            IReadOnlyList<(DateOnly, long)> (page) => dates.Select((date, d) => (date, counts[(int)page * days + d])).ToArray());
        var total = dates.Select((date, d) => (date, Names.AllPages.Sum(page => counts[(int)page * days + d]))).ToArray();
        return new DailyVisits(total, byPage);
    }
}
