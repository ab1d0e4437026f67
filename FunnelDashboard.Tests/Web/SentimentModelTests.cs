using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages.Sentiment;

namespace FunnelDashboard.Tests.Web;

public class SentimentModelTests
{
    static readonly SentimentPatterns None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static PageSentiment Page(string page, long frustrated, long engaged, long satisfied, SentimentPatterns? patterns = null)
    {
        var total = frustrated + engaged + satisfied;
        return new(page, frustrated, engaged, satisfied, total == 0 ? 0 : (engaged + satisfied - frustrated) / (double)total, total / (total + 10.0), patterns ?? None);
    }

    [Fact]
    public void Findings_name_the_best_and_worst_page_the_most_frustrating_one_and_the_range_of_daily_scores()
    {
        var model = new SentimentModel(new SentimentAnalysis(
            [Page("home", 10, 30, 0), Page("payment", 30, 5, 5), Page("confirmation", 0, 0, 0)],
            [new(new DateOnly(2015, 1, 1), 0.5, 40), new(new DateOnly(2015, 1, 2), -0.25, 40)]));

        // home: (30 - 10) / 40 = +0.50 with 40 / 50 = 0.80; payment: (10 - 30) / 40 = -0.50, the same confidence.
        Assert.Equal("home (+0.50, confidence 0.80) scores highest and payment (−0.50, confidence 0.80) lowest.", model.ScoreFinding);
        Assert.Equal("Frustration is highest on payment: 30 of its 40 patterns (75.0%); engaged 5, satisfied 5.", model.MixFinding);
        Assert.Equal("Over 2 days with patterns the daily score ranged from −0.25 (2015-01-02) to +0.50 (2015-01-01).", model.TrendFinding);
        Assert.True(model.HasPatterns);
    }

    [Fact]
    public void One_page_one_day_or_equal_scores_get_their_own_sentence_and_no_patterns_say_so()
    {
        Assert.Equal("search scores 0.00 from 20 patterns (confidence 0.67).", new SentimentModel(new([Page("search", 10, 10, 0)], [])).ScoreFinding);
        var even = new SentimentModel(new([Page("home", 1, 3, 0), Page("search", 2, 6, 0)], [new(new DateOnly(2015, 1, 1), 0.5, 12)]));
        Assert.Equal("Every page with patterns scores +0.50.", even.ScoreFinding);
        Assert.Equal("The one day with patterns, 2015-01-01, scores +0.50.", even.TrendFinding);
        var empty = new SentimentModel(new([Page("search", 0, 0, 0)], []));
        Assert.False(empty.HasPatterns);
        Assert.Equal("No patterns in this view.", empty.ScoreFinding);
        Assert.Equal("No patterns in this period.", empty.TrendFinding);
    }

    [Fact]
    public void The_detectors_table_has_one_row_per_pattern_and_one_column_per_page_shown()
    {
        var model = new SentimentModel(new(
            [Page("home", 3, 4, 0, new(1, 2, 0, 4, 0, 0, 0, 0, 0, 0)), Page("payment", 0, 1, 2, new(0, 0, 0, 0, 0, 0, 1, 1, 1, 0))], []));

        Assert.Equal(["Pattern", "home", "payment"], model.PatternColumns.Select(c => c.Title));
        var rows = model.Patterns.ToDictionary(r => r.Pattern, r => model.PatternColumns.Select(c => c.Text(r)).ToArray());
        Assert.Equal(10, rows.Count);
        Assert.Equal(["Repeated clicks", "2", "0"], rows["Repeated clicks"]);
        Assert.Equal(["Form fills", "0", "1"], rows["Form fills"]);
        Assert.Equal(["Purchases", "0", "1"], rows["Purchases"]);
    }
}
