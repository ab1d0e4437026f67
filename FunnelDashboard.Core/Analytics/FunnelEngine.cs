using System.Numerics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Ordered funnels over an <see cref="EventSnapshot"/>. For each user it finds the deepest step reached by a chain of
/// visits in step order, every step within the window of the chain's first step (a later start replaces an earlier
/// one, which can only help later steps fit the window), counting only visits inside the date filter. Users are
/// processed in parallel chunks with per-chunk accumulators, merged at the end.
/// Time to next step is measured along the chain that reached the user's deepest step. Median: the middle value (mean
/// of the two middle values for an even count); p90: the nearest-rank 90th percentile.
/// </summary>
public static class FunnelEngine
{
    public static FunnelResult Compute(EventSnapshot snapshot, FunnelQuery query)
    {
        var groups = GroupCount(query.Breakdown);
        var totals = Run(snapshot, query, groups, daily: false);
        var steps = Steps(query, totals.Reached, totals.ToNext, group: -1, groups);
        IReadOnlyList<FunnelGroup>? breakdown = query.Breakdown == Breakdown.None
            ? null
            : Enumerable.Range(0, groups).Select(g => new FunnelGroup(GroupName(query.Breakdown, g), Steps(query, totals.Reached, totals.ToNext, g, groups))).ToList();
        return new FunnelResult(steps, breakdown);
    }

    /// <summary>Per day (of each user's first entry into the funnel): users who entered and users who completed it.</summary>
    public static IReadOnlyList<DailyConversion> Daily(EventSnapshot snapshot, FunnelQuery query) =>
        DailyByGroup(snapshot, query with { Breakdown = Breakdown.None })[0].Days;

    /// <summary>
    /// <see cref="Daily"/> for each group of the query's breakdown in one pass (one group, "all", without a breakdown);
    /// days without entrants are left out, so a group the filter excludes has none.
    /// </summary>
    public static IReadOnlyList<(string Value, IReadOnlyList<DailyConversion> Days)> DailyByGroup(EventSnapshot snapshot, FunnelQuery query)
    {
        var groups = GroupCount(query.Breakdown);
        var totals = Run(snapshot, query, groups, daily: true);
        var days = snapshot.DayCount;
        return Enumerable.Range(0, groups).Select(g =>
        {
            var result = new List<DailyConversion>();
            for (var d = g * days; d < (g + 1) * days; d++)
                if (totals.Started[d] > 0)
                    result.Add(new DailyConversion(EventSnapshot.ToDate((snapshot.FirstDay + d - g * days) * 86400), totals.Started[d], totals.Converted[d],
                        Ratio(totals.Converted[d], totals.Started[d])));
            return (query.Breakdown == Breakdown.None ? "all" : GroupName(query.Breakdown, g), (IReadOnlyList<DailyConversion>)result);
        }).ToList();
    }

    /// <summary>
    /// Time from step <paramref name="fromStep"/> to step <paramref name="toStep"/> (0-based, in order) along the chain
    /// that reached each user's deepest step, for the users who reached <paramref name="toStep"/>.
    /// </summary>
    public static DurationHistogram TimeBetween(EventSnapshot snapshot, FunnelQuery query, int fromStep, int toStep)
    {
        if (fromStep < 0 || toStep >= query.Steps.Count || fromStep >= toStep)
            throw new ArgumentOutOfRangeException(nameof(toStep), $"Steps must satisfy 0 <= from < to < {query.Steps.Count}.");
        // One histogram for everyone: a breakdown would number users into groups the single group's totals do not have.
        return Run(snapshot, query with { Breakdown = Breakdown.None }, 1, daily: false, (fromStep, toStep)).Between!;
    }

    /// <summary>Sessions started (by their first visit) on each day of the data with one, within the filter.</summary>
    public static IReadOnlyList<(DateOnly Date, long Sessions)> DailySessions(EventSnapshot snapshot, FunnelFilter filter)
    {
        var (from, to) = TimeBounds(filter);
        var (days, firstDay) = (Math.Max(0, snapshot.DayCount), snapshot.FirstDay);
        var perDay = UserChunks.Count(snapshot, days, (counts, range) =>
        {
            var (part, times) = (range.Part, range.Part.EventTime);
            for (var u = range.First; u < range.Last; u++)
            {
                if (!Matches(part, u, filter)) continue;
                for (var e = part.EventStart[u]; e < part.EventStart[u + 1]; e++)
                    if (part.StartsSession(e) && times[e] >= from && times[e] < to) counts[times[e] / 86400 - firstDay]++;
            }
        });
        return perDay.Select((sessions, d) => (EventSnapshot.ToDate((firstDay + d) * 86400), sessions)).Where(d => d.sessions > 0).ToList();
    }

    /// <summary>Users with a visit and sessions started (by their first visit), within the filter.</summary>
    public static (long Users, long Sessions) Activity(EventSnapshot snapshot, FunnelFilter filter)
    {
        var (from, to) = TimeBounds(filter);
        var totals = UserChunks.Count(snapshot, 2, (counts, range) =>
        {
            var (part, times) = (range.Part, range.Part.EventTime);
            for (var u = range.First; u < range.Last; u++)
            {
                if (!Matches(part, u, filter)) continue;
                var active = false;
                for (var e = part.EventStart[u]; e < part.EventStart[u + 1]; e++)
                {
                    if (times[e] < from || times[e] >= to) continue;
                    active = true;
                    if (part.StartsSession(e)) counts[1]++;
                }
                if (active) counts[0]++;
            }
        });
        return (totals[0], totals[1]);
    }

    sealed class Totals(int groups, int steps, int days, bool between)
    {
        public readonly DurationHistogram? Between = between ? new DurationHistogram() : null;
        public readonly long[] Reached = new long[groups * steps];
        public readonly DurationHistogram[] ToNext = Enumerable.Range(0, groups * steps).Select(_ => new DurationHistogram()).ToArray();
        /// <summary>Per group and day: users who entered the funnel, and who completed it.</summary>
        public readonly long[] Started = new long[groups * days];
        public readonly long[] Converted = new long[groups * days];

        public void Add(Totals other)
        {
            for (var i = 0; i < Reached.Length; i++) { Reached[i] += other.Reached[i]; ToNext[i].Add(other.ToNext[i]); }
            for (var d = 0; d < Started.Length; d++) { Started[d] += other.Started[d]; Converted[d] += other.Converted[d]; }
            if (other.Between is not null) Between!.Add(other.Between);
        }
    }

    static Totals Run(EventSnapshot snapshot, FunnelQuery query, int groups, bool daily, (int From, int To)? between = null)
    {
        var n = query.Steps.Count;
        if (n is < 1 or > FunnelQuery.MaxSteps) throw new ArgumentException($"A funnel has 1 to {FunnelQuery.MaxSteps} steps.", nameof(query));

        // For each page byte (page code and flags), the bit set of step positions it can fill (a page may appear at
        // several positions); indexed by the whole byte so the hot loop needs no masking.
        var pageMask = new int[256];
        for (var b = 0; b < pageMask.Length; b++)
            for (var k = 0; k < n; k++)
                if (EventSnapshot.PageOf((byte)b) == query.Steps[k]) pageMask[b] |= 1 << k;

        var days = daily ? snapshot.DayCount : 0;
        var (firstDay, dayCount) = (snapshot.FirstDay, snapshot.DayCount);
        var partials = UserChunks.Run(snapshot, () => new Totals(groups, n, days, between is not null), (totals, range) =>
            RunUsers(range, firstDay, dayCount, query, pageMask, groups, totals, between ?? (0, -1)));
        var result = partials[0];
        for (var c = 1; c < partials.Length; c++) result.Add(partials[c]);
        return result;
    }

    static void RunUsers(UserRange range, int firstDay, int dayCount, FunnelQuery query, int[] pageMask, int groups, Totals totals,
        (int From, int To) between)
    {
        var n = query.Steps.Count;
        var (from, to) = TimeBounds(query.Filter);
        var window = query.WindowHours is { } hours ? hours * 3600L : long.MaxValue;
        // Locals, not properties, in the hot loop: the JIT cannot hoist loads through the span writes below.
        var part = range.Part;
        var times = part.EventTime;
        var pages = part.EventPage;
        var eventStart = part.EventStart;
        var userDevice = part.UserDevice;
        var userSex = part.UserSex;
        var deviceFilter = query.Filter.Device is { } d ? (int)d : -1;
        var sexFilter = query.Filter.Sex is { } s ? (int)s : -1;
        var groupOf = query.Breakdown == Breakdown.Device ? userDevice : query.Breakdown == Breakdown.Sex ? userSex : null;
        var reachedCount = totals.Reached;
        var toNext = totals.ToNext;
        var started = totals.Started;
        var converted = totals.Converted;

        Span<bool> reached = stackalloc bool[n];
        Span<int> chainStart = stackalloc int[n];
        Span<int> chain = stackalloc int[n * n]; // chain[k * n + j]: when the chain now at step k passed step j

        for (var u = range.First; u < range.Last; u++)
        {
            if (deviceFilter >= 0 && userDevice[u] != deviceFilter) continue;
            if (sexFilter >= 0 && userSex[u] != sexFilter) continue;
            reached.Clear();
            var depth = 0;
            var entered = -1;
            for (int e = eventStart[u], end = eventStart[u + 1]; e < end; e++)
            {
                var t = times[e];
                if (t < from || t >= to) continue;
                var mask = pageMask[pages[e]];
                // Highest step first, so one visit never fills two positions of the same chain.
                while (mask != 0)
                {
                    var k = 31 - BitOperations.LeadingZeroCount((uint)mask);
                    mask &= ~(1 << k);
                    if (k == 0)
                    {
                        reached[0] = true;
                        chainStart[0] = t;
                        chain[0] = t;
                        if (entered < 0) entered = t;
                    }
                    else if (reached[k - 1] && t - (long)chainStart[k - 1] <= window)
                    {
                        reached[k] = true;
                        chainStart[k] = chainStart[k - 1];
                        for (var j = 0; j < k; j++) chain[k * n + j] = chain[(k - 1) * n + j];
                        chain[k * n + k] = t;
                    }
                    else continue;
                    if (k >= depth) depth = k + 1;
                }
            }
            if (depth == 0) continue;

            var row = groupOf is null ? 0 : groupOf[u] * n;
            for (var k = 0; k < depth; k++) reachedCount[row + k]++;
            var deepest = (depth - 1) * n;
            for (var k = 1; k < depth; k++) toNext[row + k - 1].Add(chain[deepest + k] - chain[deepest + k - 1]);
            if (between.To >= 0 && depth > between.To) totals.Between!.Add(chain[deepest + between.To] - chain[deepest + between.From]);

            if (started.Length > 0)
            {
                var day = (groupOf is null ? 0 : groupOf[u] * dayCount) + entered / 86400 - firstDay;
                started[day]++;
                if (depth == n) converted[day]++;
            }
        }
    }

    static IReadOnlyList<FunnelStep> Steps(FunnelQuery query, long[] reached, DurationHistogram[] toNext, int group, int groups)
    {
        var n = query.Steps.Count;
        long Users(int k) => group >= 0 ? reached[group * n + k] : Enumerable.Range(0, groups).Sum(g => reached[g * n + k]);
        DurationHistogram ToNext(int k)
        {
            if (group >= 0) return toNext[group * n + k];
            var all = new DurationHistogram();
            for (var g = 0; g < groups; g++) all.Add(toNext[g * n + k]);
            return all;
        }

        var steps = new List<FunnelStep>(n);
        for (var k = 0; k < n; k++)
        {
            var users = Users(k);
            var (median, p90) = k + 1 < n ? ToNext(k).MedianAndP90() : (null, null);
            steps.Add(new FunnelStep(
                Names.Of(query.Steps[k]),
                users,
                k == 0 ? (users > 0 ? 1 : 0) : Ratio(users, Users(k - 1)),
                Ratio(users, Users(0)),
                k + 1 < n ? users - Users(k + 1) : 0,
                median,
                p90));
        }
        return steps;
    }

    static int GroupCount(Breakdown breakdown) => breakdown switch
    {
        Breakdown.Device => Enum.GetValues<Device>().Length,
        Breakdown.Sex => Enum.GetValues<Sex>().Length,
        _ => 1,
    };

    static string GroupName(Breakdown breakdown, int group) =>
        breakdown == Breakdown.Device ? Names.Of((Device)group) : Names.Of((Sex)group);

    internal static bool Matches(SnapshotPart part, int user, FunnelFilter filter) =>
        (filter.Device is not { } device || part.UserDevice[user] == (byte)device)
        && (filter.Sex is not { } sex || part.UserSex[user] == (byte)sex);

    /// <summary>
    /// The filter's days and start time as a half-open range [From, To) of snapshot times; To is the start of the day
    /// after the filter's last, in seconds (9999-12-31 has no next DateOnly).
    /// </summary>
    internal static (long From, long To) TimeBounds(FunnelFilter filter)
    {
        var from = filter.From is { } day ? EventSnapshot.ToTime(day) : long.MinValue;
        if (filter.Since is { } since) from = Math.Max(from, (long)Math.Floor((UtcTime.Normalize(since) - EventSnapshot.Epoch).TotalSeconds));
        return (from, filter.To is { } to ? EventSnapshot.ToTime(to) + 86400 : long.MaxValue);
    }

    internal static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
