using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

/// <summary>
/// The funnel engine against a brute-force reference written from its documented semantics, on thousands of random
/// users: ties (visits in the same minute), repeated steps, gaps of exactly the window, windows with date filters, and
/// the time to next step. The reference enumerates every chain of visits; the engine never does.
/// </summary>
public class FunnelEnginePropertyTests
{
    const int Users = 3000;
    static readonly DateTime Start = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    sealed record Visit(FunnelPage Page, DateTime Time);
    sealed record TestUser(long Id, Device Device, Sex Sex, List<Visit> Visits);

    [Fact]
    public void The_engine_agrees_with_a_brute_force_reference_on_random_users_and_queries()
    {
        var random = new Random(7);
        var users = Enumerable.Range(1, Users).Select(id => RandomUser(random, id)).ToList();
        var builder = new EventSnapshotBuilder();
        foreach (var user in users)
        {
            builder.AddUser(user.Id, user.Device, user.Sex);
            foreach (var visit in user.Visits) builder.AddVisit(user.Id, visit.Page, visit.Time);
        }
        var snapshot = builder.Build();

        for (var q = 0; q < 60; q++)
        {
            var query = RandomQuery(random);
            var actual = FunnelEngine.Compute(snapshot, query);

            var expected = Reference(users, query, user => true);
            AssertSteps(expected, actual.Steps, query);
            if (query.Breakdown == Breakdown.None) continue;
            foreach (var group in actual.Groups!)
                AssertSteps(Reference(users, query, user => GroupOf(user, query.Breakdown) == group.Value), group.Steps, query);
        }
    }

    static void AssertSteps(IReadOnlyList<(long Users, double? Median, double? P90)> expected, IReadOnlyList<FunnelStep> actual, FunnelQuery query)
    {
        var what = string.Join("&", query.ToParameters().Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}"));
        Assert.True(expected.Select(e => e.Users).SequenceEqual(actual.Select(s => s.Users)),
            $"users for {what}: expected {string.Join(",", expected.Select(e => e.Users))}, engine {string.Join(",", actual.Select(s => s.Users))}");
        Assert.True(expected.Select(e => (e.Median, e.P90)).SequenceEqual(actual.Select(s => (s.MedianSecondsToNext, s.P90SecondsToNext))),
            $"times to next for {what}: expected {string.Join(",", expected.Select(e => $"{e.Median}/{e.P90}"))}, " +
            $"engine {string.Join(",", actual.Select(s => $"{s.MedianSecondsToNext}/{s.P90SecondsToNext}"))}");
    }

    /// <summary>
    /// Up to 8 visits over 10 days, on whole half hours so that gaps of exactly 1, 2 or 24 hours and ties are common,
    /// in random page order (funnels out of order, repeated pages).
    /// </summary>
    static TestUser RandomUser(Random random, int id)
    {
        var visits = new List<Visit>();
        var time = Start.AddDays(random.Next(10)).AddMinutes(30 * random.Next(48));
        for (var i = random.Next(1, 9); i > 0; i--)
        {
            visits.Add(new Visit((FunnelPage)random.Next(4), time));
            time = time.AddMinutes(30 * new[] { 0, 0, 1, 2, 2, 4, 4, 48, 100 }[random.Next(9)]);
        }
        return new TestUser(id, (Device)random.Next(2), (Sex)random.Next(2), visits);
    }

    static FunnelQuery RandomQuery(Random random)
    {
        var steps = Enumerable.Range(0, random.Next(2, 6)).Select(_ => (FunnelPage)random.Next(4)).ToList();
        if (random.Next(3) == 0) steps = [.. Names.AllPages];
        DateOnly? from = random.Next(2) == 0 ? DateOnly.FromDateTime(Start.AddDays(random.Next(10))) : null;
        DateOnly? to = random.Next(2) == 0 ? DateOnly.FromDateTime(Start.AddDays(random.Next(10))) : null;
        if (from > to) (from, to) = (to, from);
        return new FunnelQuery
        {
            Steps = steps,
            Filter = new FunnelFilter(from, to, random.Next(3) == 0 ? (Device)random.Next(2) : null, random.Next(3) == 0 ? (Sex)random.Next(2) : null),
            Breakdown = (Breakdown)random.Next(3),
            WindowHours = new int?[] { null, null, 1, 2, 24, 48 }[random.Next(6)],
        };
    }

    static string GroupOf(TestUser user, Breakdown breakdown) => breakdown == Breakdown.Device ? user.Device.ToString() : user.Sex.ToString();

    /// <summary>
    /// Per user: the visits inside the date filter in time order (ties in the order they were added); every chain of
    /// distinct visits, in that order, on the steps' pages, whose last visit is at most the window after its first; the
    /// deepest such chain counts, and the time to next step is measured along the latest of the deepest chains (the
    /// one whose visits, compared from the last backwards, come latest).
    /// </summary>
    static IReadOnlyList<(long Users, double? Median, double? P90)> Reference(List<TestUser> users, FunnelQuery query, Func<TestUser, bool> inGroup)
    {
        var n = query.Steps.Count;
        var reached = new long[n];
        var toNext = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        var window = query.WindowHours is { } hours ? TimeSpan.FromHours(hours) : TimeSpan.MaxValue;
        var filter = query.Filter;
        foreach (var user in users)
        {
            if (!inGroup(user) || filter.Device is { } d && user.Device != d || filter.Sex is { } s && user.Sex != s) continue;
            var visits = user.Visits.OrderBy(v => v.Time)
                .Where(v => (filter.From is not { } f || DateOnly.FromDateTime(v.Time) >= f) && (filter.To is not { } t || DateOnly.FromDateTime(v.Time) <= t))
                .ToList();

            int[]? best = null;
            void Extend(List<int> chain)
            {
                if (chain.Count > 0 && (best is null || chain.Count > best.Length || chain.Count == best.Length && LaterFromTheEnd(chain, best)))
                    best = [.. chain];
                if (chain.Count == n) return;
                for (var i = chain.Count == 0 ? 0 : chain[^1] + 1; i < visits.Count; i++)
                {
                    if (visits[i].Page != query.Steps[chain.Count]) continue;
                    if (chain.Count > 0 && visits[i].Time - visits[chain[0]].Time > window) continue;
                    chain.Add(i);
                    Extend(chain);
                    chain.RemoveAt(chain.Count - 1);
                }
            }
            Extend([]);
            if (best is null) continue;
            for (var k = 0; k < best.Length; k++) reached[k]++;
            for (var k = 1; k < best.Length; k++) toNext[k - 1].Add((visits[best[k]].Time - visits[best[k - 1]].Time).TotalSeconds);
        }
        return Enumerable.Range(0, n).Select(k => (reached[k], k + 1 < n ? Median(toNext[k]) : null, k + 1 < n ? P90(toNext[k]) : null)).ToList();
    }

    static bool LaterFromTheEnd(List<int> chain, int[] best)
    {
        for (var k = chain.Count - 1; k >= 0; k--)
            if (chain[k] != best[k]) return chain[k] > best[k];
        return false;
    }

    static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Nearest rank: the smallest value with at least 90% of the values at or below it.</summary>
    static double? P90(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
    }
}
