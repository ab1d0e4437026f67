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
    const int ChunksPerCore = 4;

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
    public static IReadOnlyList<DailyConversion> Daily(EventSnapshot snapshot, FunnelQuery query)
    {
        var totals = Run(snapshot, query, 1, daily: true);
        var result = new List<DailyConversion>();
        for (var d = 0; d < totals.Started.Length; d++)
            if (totals.Started[d] > 0)
                result.Add(new DailyConversion(EventSnapshot.ToDate((snapshot.FirstDay + d) * 86400), totals.Started[d], totals.Converted[d],
                    Ratio(totals.Converted[d], totals.Started[d])));
        return result;
    }

    /// <summary>Users with a visit and sessions started, within the filter.</summary>
    public static (long Users, long Sessions) Activity(EventSnapshot snapshot, FunnelFilter filter)
    {
        var (from, to) = TimeBounds(filter);
        long users = 0, sessions = 0;
        for (var u = 0; u < snapshot.UserCount; u++)
        {
            if (!Matches(snapshot, u, filter)) continue;
            for (var e = snapshot.EventStart[u]; e < snapshot.EventStart[u + 1]; e++)
                if (snapshot.EventTime[e] >= from && snapshot.EventTime[e] < to) { users++; break; }
            for (var s = snapshot.SessionStart[u]; s < snapshot.SessionStart[u + 1]; s++)
                if (snapshot.SessionTime[s] >= from && snapshot.SessionTime[s] < to) sessions++;
        }
        return (users, sessions);
    }

    sealed class Totals(int groups, int steps, int days)
    {
        public readonly long[] Reached = new long[groups * steps];
        public readonly DurationHistogram[] ToNext = Enumerable.Range(0, groups * steps).Select(_ => new DurationHistogram()).ToArray();
        public readonly long[] Started = new long[days];
        public readonly long[] Converted = new long[days];

        public void Add(Totals other)
        {
            for (var i = 0; i < Reached.Length; i++) { Reached[i] += other.Reached[i]; ToNext[i].Add(other.ToNext[i]); }
            for (var d = 0; d < Started.Length; d++) { Started[d] += other.Started[d]; Converted[d] += other.Converted[d]; }
        }
    }

    static Totals Run(EventSnapshot snapshot, FunnelQuery query, int groups, bool daily)
    {
        var n = query.Steps.Count;
        if (n is < 1 or > FunnelQuery.MaxSteps) throw new ArgumentException($"A funnel has 1 to {FunnelQuery.MaxSteps} steps.", nameof(query));

        // For each page, the bit set of step positions it can fill (a page may appear at several positions).
        var pageMask = new int[Names.AllPages.Count];
        for (var k = 0; k < n; k++) pageMask[(int)query.Steps[k]] |= 1 << k;

        var days = daily ? snapshot.DayCount : 0;
        var chunkCount = Math.Clamp(snapshot.UserCount / 4096, 1, Environment.ProcessorCount * ChunksPerCore);
        var partials = new Totals[chunkCount];
        Parallel.For(0, chunkCount, c =>
        {
            var totals = new Totals(groups, n, days);
            var first = (int)((long)snapshot.UserCount * c / chunkCount);
            var last = (int)((long)snapshot.UserCount * (c + 1) / chunkCount);
            RunUsers(snapshot, query, pageMask, first, last, groups, totals);
            partials[c] = totals;
        });
        var result = partials[0];
        for (var c = 1; c < chunkCount; c++) result.Add(partials[c]);
        return result;
    }

    static void RunUsers(EventSnapshot snapshot, FunnelQuery query, int[] pageMask, int firstUser, int lastUser, int groups, Totals totals)
    {
        var n = query.Steps.Count;
        var (from, to) = TimeBounds(query.Filter);
        var window = query.WindowHours is { } hours ? hours * 3600L : long.MaxValue;
        // Locals, not properties, in the hot loop: the JIT cannot hoist loads through the span writes below.
        var times = snapshot.EventTime;
        var pages = snapshot.EventPage;
        var eventStart = snapshot.EventStart;
        var userDevice = snapshot.UserDevice;
        var userSex = snapshot.UserSex;
        var deviceFilter = query.Filter.Device is { } d ? (int)d : -1;
        var sexFilter = query.Filter.Sex is { } s ? (int)s : -1;
        var groupOf = query.Breakdown == Breakdown.Device ? userDevice : query.Breakdown == Breakdown.Sex ? userSex : null;
        var reachedCount = totals.Reached;
        var toNext = totals.ToNext;
        var started = totals.Started;
        var converted = totals.Converted;
        var firstDay = snapshot.FirstDay;

        Span<bool> reached = stackalloc bool[n];
        Span<int> chainStart = stackalloc int[n];
        Span<int> chain = stackalloc int[n * n]; // chain[k * n + j]: when the chain now at step k passed step j

        for (var u = firstUser; u < lastUser; u++)
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

            if (started.Length > 0)
            {
                var day = entered / 86400 - firstDay;
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

    static bool Matches(EventSnapshot snapshot, int user, FunnelFilter filter) =>
        (filter.Device is not { } device || snapshot.UserDevice[user] == (byte)device)
        && (filter.Sex is not { } sex || snapshot.UserSex[user] == (byte)sex);

    /// <summary>
    /// The filter's days as a half-open range of snapshot times: To is the start of the day after the last, computed in
    /// seconds because 9999-12-31, a valid date, has no next DateOnly.
    /// </summary>
    static (long From, long To) TimeBounds(FunnelFilter filter) =>
        (filter.From is { } from ? EventSnapshot.ToTime(from) : long.MinValue,
         filter.To is { } to ? EventSnapshot.ToTime(to) + 86400 : long.MaxValue);

    static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
