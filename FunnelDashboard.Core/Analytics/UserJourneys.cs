using System.Numerics;
using System.Runtime.InteropServices;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>User journeys: the filter, how many paths to list and how many pages of a session make its path (parameters limit, max_length).</summary>
public sealed record JourneyQuery(FunnelFilter Filter, int Limit = JourneyQuery.DefaultLimit, int MaxLength = JourneyQuery.DefaultMaxLength)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int DefaultMaxLength = 5;
    /// <summary>A path is packed in 64 bits, four per page.</summary>
    public const int MaxMaxLength = 15;

    public static QueryParseResult<JourneyQuery> Parse(Func<string, string?> parameter) => QueryGrammar.Parse(parameter, (filter, errors) =>
        new JourneyQuery(filter,
            QueryGrammar.Integer(parameter, "limit", DefaultLimit, 1, MaxLimit, errors),
            QueryGrammar.Integer(parameter, "max_length", DefaultMaxLength, 1, MaxMaxLength, errors)));
}

/// <summary>A page path: users who followed it in at least one session, their share of all users with a session, and the share of them whose session on this path reached confirmation.</summary>
public sealed record JourneyPath(IReadOnlyList<string> Pages, long Users, double Share, double Conversion);

/// <summary>Users who went from one page straight to the next within a session; <c>to</c> is "exit" when the session ended there.</summary>
public sealed record JourneyFlow(string From, string To, long Users);

/// <summary>
/// Paths within sessions. A session starts at a visit flagged as its start (or at a user's first visit) and runs to
/// the next; it counts when its first visit is inside the filter's dates, with all its visits. Its path is the pages of
/// its first <see cref="JourneyQuery.MaxLength"/> visits in order; it converts when any of its visits is the
/// confirmation page. Counts are distinct users: a user who took a path (or a flow) in several sessions counts once.
/// Paths are ranked by users, then by their pages in funnel order; flows likewise.
/// </summary>
public sealed record UserJourneys(long Users, IReadOnlyList<JourneyPath> Paths, IReadOnlyList<JourneyFlow> Flows)
{
    public const string Exit = "exit";
    static readonly int PageCount = Names.AllPages.Count;
    static readonly int FlowCount = PageCount * (PageCount + 1);

    sealed class Totals
    {
        public readonly Dictionary<ulong, (long Users, long Converted)> Paths = [];
        public readonly long[] Flows = new long[FlowCount];
        public long Users;
    }

    public static UserJourneys Of(EventSnapshot snapshot, JourneyQuery query)
    {
        var partials = UserChunks.Run(snapshot, () => new Totals(), (totals, range) => Run(range, query, totals));
        var totals = partials[0];
        foreach (var other in partials.Skip(1))
        {
            totals.Users += other.Users;
            for (var f = 0; f < totals.Flows.Length; f++) totals.Flows[f] += other.Flows[f];
            foreach (var (key, (users, converted)) in other.Paths)
            {
                var (u, c) = totals.Paths.GetValueOrDefault(key);
                totals.Paths[key] = (u + users, c + converted);
            }
        }

        var paths = totals.Paths
            .OrderByDescending(p => p.Value.Users).ThenBy(p => Pages(p.Key), PathOrder.Instance)
            .Take(query.Limit)
            .Select(p => new JourneyPath(Pages(p.Key).Select(Names.Of).ToList(), p.Value.Users, FunnelEngine.Ratio(p.Value.Users, totals.Users), FunnelEngine.Ratio(p.Value.Converted, p.Value.Users)))
            .ToList();
        var flows = Enumerable.Range(0, totals.Flows.Length)
            .Where(f => totals.Flows[f] > 0)
            .OrderByDescending(f => totals.Flows[f]).ThenBy(f => f)
            .Select(f => new JourneyFlow(Names.Of((FunnelPage)(f / (PageCount + 1))), f % (PageCount + 1) == PageCount ? Exit : Names.Of((FunnelPage)(f % (PageCount + 1))), totals.Flows[f]))
            .ToList();
        return new UserJourneys(totals.Users, paths, flows);
    }

    static void Run(UserRange range, JourneyQuery query, Totals totals)
    {
        var part = range.Part;
        var (from, to) = FunnelEngine.TimeBounds(query.Filter);
        var userPaths = new List<(ulong Key, bool Converted)>();
        // Locals, not properties, in the loop (the JIT cannot hoist property loads past the writes).
        var (times, pages, eventStart) = (part.EventTime, part.EventPage, part.EventStart);
        for (var u = range.First; u < range.Last; u++)
        {
            if (!FunnelEngine.Matches(part, u, query.Filter)) continue;
            userPaths.Clear();
            ulong userFlows = 0; // one bit per (from, to) flow: 20 flows for 4 pages
            var end = eventStart[u + 1];
            for (var e = eventStart[u]; e < end;)
            {
                // One session: e up to the next session start.
                var sessionEnd = e + 1;
                while (sessionEnd < end && (pages[sessionEnd] & EventSnapshot.SessionStartFlag) == 0) sessionEnd++;
                if (times[e] >= from && times[e] < to)
                {
                    ulong key = 0;
                    var converted = false;
                    for (var v = e; v < sessionEnd; v++)
                    {
                        var page = (int)EventSnapshot.PageOf(pages[v]);
                        if (v - e < query.MaxLength) key = key << 4 | (uint)(page + 1);
                        converted |= page == (int)FunnelPage.Confirmation;
                        var next = v + 1 < sessionEnd ? (int)EventSnapshot.PageOf(pages[v + 1]) : PageCount;
                        userFlows |= 1UL << (page * (PageCount + 1) + next);
                    }
                    var seen = 0;
                    while (seen < userPaths.Count && userPaths[seen].Key != key) seen++;
                    if (seen == userPaths.Count) userPaths.Add((key, converted));
                    else if (converted) userPaths[seen] = (key, true);
                }
                e = sessionEnd;
            }
            if (userPaths.Count == 0) continue;

            totals.Users++;
            foreach (var (key, converted) in userPaths)
            {
                ref var path = ref CollectionsMarshal.GetValueRefOrAddDefault(totals.Paths, key, out _);
                path = (path.Users + 1, path.Converted + (converted ? 1 : 0));
            }
            for (; userFlows != 0; userFlows &= userFlows - 1) totals.Flows[BitOperations.TrailingZeroCount(userFlows)]++;
        }
    }

    /// <summary>The pages of a packed path, first page first.</summary>
    static List<FunnelPage> Pages(ulong key)
    {
        var pages = new List<FunnelPage>();
        for (; key != 0; key >>= 4) pages.Add((FunnelPage)((key & 0xF) - 1));
        pages.Reverse();
        return pages;
    }

    /// <summary>Paths in funnel order, page by page; a path before its extensions.</summary>
    sealed class PathOrder : IComparer<List<FunnelPage>>
    {
        public static readonly PathOrder Instance = new();

        public int Compare(List<FunnelPage>? a, List<FunnelPage>? b)
        {
            for (var i = 0; i < Math.Min(a!.Count, b!.Count); i++)
                if (a[i] != b[i]) return a[i].CompareTo(b[i]);
            return a.Count.CompareTo(b.Count);
        }
    }
}
