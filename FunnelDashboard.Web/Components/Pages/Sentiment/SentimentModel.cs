using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Sentiment;

/// <summary>One detector's counts on each page shown, for the patterns table.</summary>
public sealed record PatternRow(string Pattern, IReadOnlyList<long> PerPage);

/// <summary>What the sentiment page shows of one answer: the charts' series, the tables' rows and the findings.</summary>
public sealed class SentimentModel(SentimentAnalysis analysis)
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public SentimentAnalysis Analysis => analysis;

    public bool HasPatterns => analysis.Pages.Any(p => p.Frustrated + p.Engaged + p.Satisfied > 0);

    /// <summary>Scores and confidences as the page writes them: two decimals, a sign on positive scores.</summary>
    public static string Score(double score) => score.ToString("+0.00;−0.00;0.00", Invariant);
    public static string Ratio(double ratio) => ratio.ToString("0.00", Invariant);

    public IReadOnlyList<ChartSeries> ScoreSeries =>
    [
        new("Score", analysis.Pages.Select(p => new ChartPoint(p.Page, Math.Round(p.Score, 3))).ToList()),
        new("Confidence", analysis.Pages.Select(p => new ChartPoint(p.Page, Math.Round(p.Confidence, 3))).ToList()),
    ];

    public IReadOnlyList<ChartSeries> MixSeries =>
    [
        new("Frustrated", analysis.Pages.Select(p => new ChartPoint(p.Page, p.Frustrated)).ToList()),
        new("Engaged", analysis.Pages.Select(p => new ChartPoint(p.Page, p.Engaged)).ToList()),
        new("Satisfied", analysis.Pages.Select(p => new ChartPoint(p.Page, p.Satisfied)).ToList()),
    ];

    public IReadOnlyList<ChartSeries> TrendSeries =>
        [new("Score", analysis.Trend.Select(t => new ChartPoint(Formats.Date(t.Date), Math.Round(t.Score, 3))).ToList())];

    public IReadOnlyList<PatternRow> Patterns
    {
        get
        {
            PatternRow Row(string pattern, Func<SentimentPatterns, long> count) => new(pattern, analysis.Pages.Select(p => count(p.Patterns)).ToList());
            return
            [
                Row("Back navigation", p => p.Back),
                Row("Repeated clicks", p => p.RepeatedClicks),
                Row("Rapid scrolling", p => p.RapidScrolling),
                Row("Clicks", p => p.Clicks),
                Row("Scrolls", p => p.Scrolls),
                Row("Hovers", p => p.Hovers),
                Row("Form fills", p => p.FormFills),
                Row("Purchases", p => p.Purchases),
                Row("Form submits", p => p.FormSubmits),
                Row("Long sessions", p => p.LongSessions),
            ];
        }
    }

    public IReadOnlyList<DataColumn<PatternRow>> PatternColumns =>
    [
        new("Pattern", r => r.Pattern),
        .. analysis.Pages.Select((page, i) => new DataColumn<PatternRow>(page.Page, r => r.PerPage[i], r => Formats.Count(r.PerPage[i]), Numeric: true)),
    ];

    public static readonly IReadOnlyList<DataColumn<PageSentiment>> PageColumns =
    [
        new("Page", p => p.Page),
        new("Frustrated", p => p.Frustrated, p => Formats.Count(p.Frustrated), Numeric: true),
        new("Engaged", p => p.Engaged, p => Formats.Count(p.Engaged), Numeric: true),
        new("Satisfied", p => p.Satisfied, p => Formats.Count(p.Satisfied), Numeric: true),
        new("Score", p => p.Score, p => Score(p.Score), Numeric: true, RawTitle: "Score (raw)"),
        new("Confidence", p => p.Confidence, p => Ratio(p.Confidence), Numeric: true, RawTitle: "Confidence (raw)"),
    ];

    /// <summary>The best and the worst page, or the one page's score, with how sure each is.</summary>
    public string ScoreFinding
    {
        get
        {
            var scored = analysis.Pages.Where(p => p.Frustrated + p.Engaged + p.Satisfied > 0).OrderByDescending(p => p.Score).ToList();
            if (scored.Count == 0) return "No patterns in this view.";
            string Of(PageSentiment p) => $"{p.Page} ({Score(p.Score)}, confidence {Ratio(p.Confidence)})";
            if (scored.Count == 1)
                return $"{scored[0].Page} scores {Score(scored[0].Score)} from {Formats.Count(Total(scored[0]))} patterns (confidence {Ratio(scored[0].Confidence)}).";
            return Score(scored[0].Score) == Score(scored[^1].Score)
                ? $"Every page with patterns scores {Score(scored[0].Score)}."
                : $"{Of(scored[0])} scores highest and {Of(scored[^1])} lowest.";
        }
    }

    /// <summary>Where frustration makes the largest share of the patterns.</summary>
    public string MixFinding
    {
        get
        {
            var seen = analysis.Pages.Where(p => Total(p) > 0).ToList();
            if (seen.Count == 0) return "No patterns in this view.";
            var most = seen.MaxBy(p => p.Frustrated / (double)Total(p))!;
            return $"Frustration is {(seen.Count == 1 ? "" : "highest ")}on {most.Page}: {Formats.Count(most.Frustrated)} of its {Formats.Count(Total(most))} patterns " +
                   $"({Formats.Percent(most.Frustrated / (double)Total(most))}); engaged {Formats.Count(most.Engaged)}, satisfied {Formats.Count(most.Satisfied)}.";
        }
    }

    /// <summary>The range of the daily scores.</summary>
    public string TrendFinding
    {
        get
        {
            if (analysis.Trend.Count == 0) return "No patterns in this period.";
            if (analysis.Trend is [var only]) return $"The one day with patterns, {Formats.Date(only.Date)}, scores {Score(only.Score)}.";
            var (low, high) = (analysis.Trend.MinBy(t => t.Score)!, analysis.Trend.MaxBy(t => t.Score)!);
            return $"Over {Formats.Count(analysis.Trend.Count)} days with patterns the daily score ranged from {Score(low.Score)} ({Formats.Date(low.Date)}) " +
                   $"to {Score(high.Score)} ({Formats.Date(high.Date)}).";
        }
    }

    static long Total(PageSentiment p) => p.Frustrated + p.Engaged + p.Satisfied;
}
