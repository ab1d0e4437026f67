using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

public enum CohortPeriod { Week, Month }

/// <summary>Cohort retention: the filter and the cohort period (parameters from, to, device, sex, period).</summary>
public sealed record CohortQuery(FunnelFilter Filter, CohortPeriod Period = CohortPeriod.Week)
{
    public static QueryParseResult<CohortQuery> Parse(Func<string, string?> parameter) => QueryGrammar.Parse(parameter, (filter, errors) =>
        new CohortQuery(filter, QueryGrammar.Choice(parameter, "period", CohortPeriod.Week, errors)));
}

/// <summary>
/// One cohort: the users whose first visit fell in the period starting at <see cref="Start"/>. Retention[k] is the share
/// of them with a visit in the k-th period after it (Retention[0] = 1), Conversion[k] the share that visited the
/// confirmation page in it; both run to the data's last period.
/// </summary>
public sealed record Cohort(DateOnly Start, long Size, IReadOnlyList<double> Retention, IReadOnlyList<double> Conversion);

/// <summary>
/// Cohorts by first visit (weeks run Monday to Sunday; months are calendar months). The filter's dates choose the
/// cohorts (by first visit); their activity is followed to the end of the data. Device and sex filter the users.
/// </summary>
public sealed record CohortRetention(IReadOnlyList<Cohort> Cohorts)
{
    public static CohortRetention Of(EventSnapshot snapshot, CohortQuery query)
    {
        if (snapshot.EventCount == 0) return new([]);
        var periodOfDay = new int[snapshot.DayCount];
        for (var d = 0; d < periodOfDay.Length; d++) periodOfDay[d] = PeriodIndex(snapshot.FirstDay + d, query.Period);
        var firstPeriod = periodOfDay[0];
        var periods = periodOfDay[^1] - firstPeriod + 1;
        for (var d = 0; d < periodOfDay.Length; d++) periodOfDay[d] -= firstPeriod;

        var firstDay = snapshot.FirstDay;
        var partials = UserChunks.Run(snapshot, () => (Size: new long[periods], Active: new long[periods * periods], Converted: new long[periods * periods]),
            (counts, range) => Run(range, firstDay, query.Filter, periodOfDay, periods, counts));
        var size = UserChunks.Sum(partials.Select(p => p.Size).ToArray());
        var active = UserChunks.Sum(partials.Select(p => p.Active).ToArray());
        var converted = UserChunks.Sum(partials.Select(p => p.Converted).ToArray());

        var cohorts = new List<Cohort>();
        for (var c = 0; c < periods; c++)
        {
            if (size[c] == 0) continue;
            var following = Enumerable.Range(0, periods - c);
            cohorts.Add(new Cohort(PeriodStart(firstPeriod + c, query.Period), size[c],
                following.Select(k => (double)active[c * periods + k] / size[c]).ToList(),
                following.Select(k => (double)converted[c * periods + k] / size[c]).ToList()));
        }
        return new CohortRetention(cohorts);
    }

    static void Run(UserRange range, int firstDay, FunnelFilter filter, int[] periodOfDay, int periods, (long[] Size, long[] Active, long[] Converted) counts)
    {
        var (size, active, converted) = counts;
        var (from, to) = FunnelEngine.TimeBounds(filter);
        var part = range.Part;
        for (var u = range.First; u < range.Last; u++)
        {
            var (start, end) = (part.EventStart[u], part.EventStart[u + 1]);
            if (start == end || !FunnelEngine.Matches(part, u, filter)) continue;
            var firstVisit = part.EventTime[start];
            if (firstVisit < from || firstVisit >= to) continue;
            var cohort = periodOfDay[firstVisit / 86400 - firstDay];
            size[cohort]++;
            int lastActive = -1, lastConverted = -1;
            // Visits are in time order, so each period's visits are consecutive: count a period once, at its first visit.
            for (var e = start; e < end; e++)
            {
                var k = periodOfDay[part.EventTime[e] / 86400 - firstDay] - cohort;
                if (k != lastActive) { active[cohort * periods + k]++; lastActive = k; }
                if (k != lastConverted && part.PageOf(e) == FunnelPage.Confirmation) { converted[cohort * periods + k]++; lastConverted = k; }
            }
        }
    }

    /// <summary>Weeks counted from the Monday before the snapshot epoch (a Saturday); months from its January.</summary>
    static int PeriodIndex(int day, CohortPeriod period)
    {
        if (period == CohortPeriod.Week) return (day + 5) / 7;
        var date = EventSnapshot.ToDate(day * 86400);
        return (date.Year - EventSnapshot.Epoch.Year) * 12 + date.Month - 1;
    }

    static DateOnly PeriodStart(int index, CohortPeriod period) => period == CohortPeriod.Week
        ? EventSnapshot.ToDate((index * 7 - 5) * 86400)
        : new DateOnly(EventSnapshot.Epoch.Year + index / 12, index % 12 + 1, 1);
}
