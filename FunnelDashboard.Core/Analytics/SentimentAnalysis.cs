using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>Sentiment: the filter and optionally one page (parameters from, to, device, sex, page).</summary>
public sealed record SentimentQuery(FunnelFilter Filter, FunnelPage? Page = null)
{
    public static QueryParseResult<SentimentQuery> Parse(Func<string, string?> parameter) => QueryGrammar.Parse(parameter, (filter, errors) =>
    {
        FunnelPage? page = null;
        if (parameter("page") is { Length: > 0 } text)
        {
            if (Names.TryParsePage(text, out var p)) page = p;
            else FunnelQuery.Fail(errors, "page", $"Unknown page '{text}'. Known pages: {string.Join(", ", Names.AllPages.Select(Names.Of))}.");
        }
        return new SentimentQuery(filter, page);
    });
}

/// <summary>How often each pattern was seen (see <see cref="SentimentAnalysis"/> for the detectors).</summary>
public sealed record SentimentPatterns(
    long Back, long RepeatedClicks, long RapidScrolling,
    long Clicks, long Scrolls, long Hovers, long FormFills,
    long Purchases, long FormSubmits, long LongSessions);

/// <summary>Pattern counts by kind, the score (positive − negative) / total in [−1, 1] and its confidence.</summary>
public sealed record SentimentSummary(long Frustrated, long Engaged, long Satisfied, double Score, double Confidence, SentimentPatterns Patterns);

public sealed record PageSentiment(string Page, long Frustrated, long Engaged, long Satisfied, double Score, double Confidence, SentimentPatterns Patterns);

public sealed record SentimentTrendPoint(DateOnly Date, double Score, long Patterns);

/// <summary>
/// The reference app's pattern-based sentiment, with precise detectors over the interactions and visits inside the filter:
/// <list type="bullet">
/// <item>frustrated: back navigation (each "back" interaction); repeated clicks (a rage click: 3 or more clicks on one
/// page, each within 1 s and 30 px of the burst's first click, count once); rapid scrolling (3 or more scrolls on one
/// page within 1 s of the burst's first, once);</item>
/// <item>engaged: each click, scroll, hover and form fill not part of a repeated-click or rapid-scrolling burst;</item>
/// <item>satisfied: a purchase (a visit of the confirmation page), each form submit, a long session (one lasting at
/// least <see cref="LongSessionSeconds"/> from its first visit to the end of its last, counted on its last page).</item>
/// </list>
/// Score = (engaged + satisfied − frustrated) / (engaged + satisfied + frustrated), 0 without patterns. Confidence =
/// n / (n + <see cref="ConfidenceHalfPoint"/>) for n patterns: 0 without evidence, 0.5 at 10 patterns, towards 1 with more.
/// Times are whole seconds, so "within 1 s" means at most one second apart. The daily trend scores each day's patterns
/// (days without patterns are left out); with a page, pages and trend cover that page only.
/// </summary>
public sealed record SentimentAnalysis(IReadOnlyList<PageSentiment> Pages, IReadOnlyList<SentimentTrendPoint> Trend)
{
    public const int LongSessionSeconds = 600;
    public const double ConfidenceHalfPoint = 10;
    public const int BurstSeconds = 1;
    public const int RepeatedClickPixels = 30;
    public const int BurstSize = 3;

    enum Pattern { Back, RepeatedClicks, RapidScrolling, Click, Scroll, Hover, FormFill, Purchase, FormSubmit, LongSession }
    const int PatternCount = 10;
    const int FirstEngaged = (int)Pattern.Click, FirstSatisfied = (int)Pattern.Purchase;
    static readonly int PageCount = Names.AllPages.Count;

    public static SentimentAnalysis Of(EventSnapshot snapshot, SentimentQuery query)
    {
        var (days, firstDay) = (Math.Max(0, snapshot.DayCount), snapshot.FirstDay);
        var partials = UserChunks.Run(snapshot, () => new Counts(days, firstDay), (counts, range) =>
        {
            for (var u = range.First; u < range.Last; u++)
                if (FunnelEngine.Matches(range.Part, u, query.Filter)) Scan(range.Part, u, query.Filter, counts);
        });
        var totals = partials[0];
        foreach (var other in partials.Skip(1)) totals.Add(other);

        IReadOnlyList<FunnelPage> shown = query.Page is { } only ? [only] : Names.AllPages;
        var pages = shown.Select(page =>
        {
            var s = Summary(totals.ByPage.AsSpan((int)page * PatternCount, PatternCount));
            return new PageSentiment(Names.Of(page), s.Frustrated, s.Engaged, s.Satisfied, s.Score, s.Confidence, s.Patterns);
        }).ToList();
        var trend = new List<SentimentTrendPoint>();
        for (var d = 0; d < days; d++)
        {
            long frustrated = 0, engaged = 0, satisfied = 0;
            foreach (var page in shown)
            {
                var i = (d * PageCount + (int)page) * 3;
                (frustrated, engaged, satisfied) = (frustrated + totals.Daily[i], engaged + totals.Daily[i + 1], satisfied + totals.Daily[i + 2]);
            }
            var total = frustrated + engaged + satisfied;
            if (total > 0) trend.Add(new SentimentTrendPoint(EventSnapshot.ToDate((snapshot.FirstDay + d) * 86400), Score(frustrated, engaged + satisfied), total));
        }
        return new SentimentAnalysis(pages, trend);
    }

    /// <summary>One user's sentiment over all pages, within the filter (no patterns when its device or sex excludes the user).</summary>
    public static SentimentSummary OfUser(SnapshotUser user, FunnelFilter filter)
    {
        var counts = new Counts(0, 0);
        if (FunnelEngine.Matches(user.Part, user.Index, filter)) Scan(user.Part, user.Index, filter, counts);
        var all = new long[PatternCount];
        for (var i = 0; i < counts.ByPage.Length; i++) all[i % PatternCount] += counts.ByPage[i];
        return Summary(all);
    }

    sealed class Counts(int days, int firstDay)
    {
        public readonly long[] ByPage = new long[PageCount * PatternCount];
        /// <summary>Per day and page: frustrated, engaged and satisfied patterns.</summary>
        public readonly long[] Daily = new long[days * PageCount * 3];

        public void Add(FunnelPage page, Pattern pattern, int time, long count = 1)
        {
            ByPage[(int)page * PatternCount + (int)pattern] += count;
            // Interactions may fall outside the visits' days (which are the snapshot's days): they have no trend point.
            var day = time / 86400 - firstDay;
            if ((uint)day >= (uint)days) return;
            var kind = (int)pattern < FirstEngaged ? 0 : (int)pattern < FirstSatisfied ? 1 : 2;
            Daily[(day * PageCount + (int)page) * 3 + kind] += count;
        }

        public void Add(Counts other)
        {
            for (var i = 0; i < ByPage.Length; i++) ByPage[i] += other.ByPage[i];
            for (var i = 0; i < Daily.Length; i++) Daily[i] += other.Daily[i];
        }
    }

    /// <summary>A run of clicks or scrolls that may become a burst; counted when the next one does not fit.</summary>
    struct Burst
    {
        public int Count, Time, X, Y;
        public FunnelPage Page;
    }

    static void Scan(SnapshotPart part, int u, FunnelFilter filter, Counts counts)
    {
        var (from, to) = FunnelEngine.TimeBounds(filter);
        Burst clicks = default, scrolls = default;
        // Locals, not properties, in the loop (the JIT cannot hoist property loads past the counts' writes).
        var (times, kinds, xs, ys) = (part.InteractionTime, part.InteractionKind, part.InteractionX, part.InteractionY);
        for (int i = part.InteractionStart[u], end = part.InteractionStart[u + 1]; i < end; i++)
        {
            var t = times[i];
            if (t < from || t >= to) continue;
            var kind = kinds[i];
            var page = EventSnapshot.InteractionPageOf(kind);
            int x = xs[i], y = ys[i];
            switch (EventSnapshot.InteractionTypeOf(kind))
            {
                case InteractionType.Click:
                    var near = (x - clicks.X) * (x - clicks.X) + (y - clicks.Y) * (y - clicks.Y) <= RepeatedClickPixels * RepeatedClickPixels;
                    if (clicks.Count > 0 && clicks.Page == page && t - clicks.Time <= BurstSeconds && near) clicks.Count++;
                    else { Close(clicks, Pattern.RepeatedClicks, Pattern.Click, counts); clicks = new Burst { Count = 1, Time = t, X = x, Y = y, Page = page }; }
                    break;
                case InteractionType.Scroll:
                    if (scrolls.Count > 0 && scrolls.Page == page && t - scrolls.Time <= BurstSeconds) scrolls.Count++;
                    else { Close(scrolls, Pattern.RapidScrolling, Pattern.Scroll, counts); scrolls = new Burst { Count = 1, Time = t, Page = page }; }
                    break;
                case InteractionType.Back: counts.Add(page, Pattern.Back, t); break;
                case InteractionType.Hover: counts.Add(page, Pattern.Hover, t); break;
                case InteractionType.FormFill: counts.Add(page, Pattern.FormFill, t); break;
                case InteractionType.FormSubmit: counts.Add(page, Pattern.FormSubmit, t); break;
            }
        }
        Close(clicks, Pattern.RepeatedClicks, Pattern.Click, counts);
        Close(scrolls, Pattern.RapidScrolling, Pattern.Scroll, counts);

        var (start, stop) = (part.EventStart[u], part.EventStart[u + 1]);
        var (visitTimes, pages, durations) = (part.EventTime, part.EventPage, part.EventDuration);
        for (var e = start; e < stop;)
        {
            var sessionEnd = e + 1;
            while (sessionEnd < stop && (pages[sessionEnd] & EventSnapshot.SessionStartFlag) == 0) sessionEnd++;
            var sessionStart = visitTimes[e];
            if (sessionStart >= from && sessionStart < to)
            {
                for (var v = e; v < sessionEnd; v++)
                    if (EventSnapshot.PageOf(pages[v]) == FunnelPage.Confirmation) counts.Add(FunnelPage.Confirmation, Pattern.Purchase, visitTimes[v]);
                var last = sessionEnd - 1;
                if ((long)visitTimes[last] + durations[last] - sessionStart >= LongSessionSeconds)
                    counts.Add(EventSnapshot.PageOf(pages[last]), Pattern.LongSession, sessionStart);
            }
            e = sessionEnd;
        }
    }

    static void Close(Burst burst, Pattern asBurst, Pattern asSingles, Counts counts)
    {
        if (burst.Count >= BurstSize) counts.Add(burst.Page, asBurst, burst.Time);
        else if (burst.Count > 0) counts.Add(burst.Page, asSingles, burst.Time, burst.Count);
    }

    static SentimentSummary Summary(ReadOnlySpan<long> c)
    {
        long frustrated = 0, engaged = 0, satisfied = 0;
        for (var p = 0; p < PatternCount; p++)
        {
            if (p < FirstEngaged) frustrated += c[p];
            else if (p < FirstSatisfied) engaged += c[p];
            else satisfied += c[p];
        }
        var total = frustrated + engaged + satisfied;
        return new SentimentSummary(frustrated, engaged, satisfied, Score(frustrated, engaged + satisfied), total / (total + ConfidenceHalfPoint),
            new SentimentPatterns(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]));
    }

    public static double Score(long negative, long positive) => negative + positive == 0 ? 0 : (double)(positive - negative) / (positive + negative);
}
