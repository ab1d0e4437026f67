using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class SentimentAnalysisTests
{
    // User 1 (Desktop) on 2015-01-05: a session of home (400 s) then search (300 s), 12 min in all: a long session on search.
    // On home: a rage click (3 clicks within 1 s and 30 px), a lone click, 3 clicks within 1 s but 100 px apart (3 clicks),
    // 3 clicks on one spot over 2 s (the third is more than 1 s after the first: 3 clicks), rapid scrolling (3 in 1 s),
    // a lone scroll, a hover and a back. On search: a form fill and a submit.
    // User 2 (Mobile) buys: a visit of confirmation.
    static EventSnapshot TwoUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "+home@2015-01-05 10:00/400", "search@2015-01-05 10:07/300")
        .Interactions(1,
            "home:click@2015-01-05 10:00:00#100,100", "home:click@2015-01-05 10:00:01#110,100", "home:click@2015-01-05 10:00:01#100,120",
            "home:click@2015-01-05 10:00:05#100,100",
            "home:click@2015-01-05 10:01:00#0,0", "home:click@2015-01-05 10:01:00#100,0", "home:click@2015-01-05 10:01:00#200,0",
            "home:click@2015-01-05 10:02:00#50,50", "home:click@2015-01-05 10:02:01#50,50", "home:click@2015-01-05 10:02:02#50,50",
            "home:scroll@2015-01-05 10:03:00", "home:scroll@2015-01-05 10:03:00", "home:scroll@2015-01-05 10:03:01",
            "home:scroll@2015-01-05 10:04:00", "home:hover@2015-01-05 10:05:00", "home:back@2015-01-05 10:06:00",
            "search:form_fill@2015-01-05 10:08:00", "search:form_submit@2015-01-05 10:09:00")
        .User(2, Device.Mobile, Sex.Female, "+home@2015-01-05 12:00/30", "payment@2015-01-05 12:01/60", "confirmation@2015-01-05 12:03/20")
        .Build();

    static SentimentAnalysis Sentiment(SentimentQuery query) => SentimentAnalysis.Of(TwoUsers(), query);

    [Fact]
    public void Each_detector_counts_its_pattern()
    {
        var home = Sentiment(new SentimentQuery(FunnelFilter.All)).Pages[0].Patterns;

        Assert.Equal(1, home.RepeatedClicks);
        Assert.Equal(1 + 3 + 3, home.Clicks);
        Assert.Equal(1, home.RapidScrolling);
        Assert.Equal(1, home.Scrolls);
        Assert.Equal(1, home.Hovers);
        Assert.Equal(1, home.Back);
    }

    [Fact]
    public void Pages_get_the_score_and_a_confidence_growing_with_evidence()
    {
        var pages = Sentiment(new SentimentQuery(FunnelFilter.All)).Pages;

        Assert.Equal(["home", "search", "payment", "confirmation"], pages.Select(p => p.Page));
        // home: 3 frustrated, 9 engaged: (9 - 3) / 12; confidence 12 / (12 + 10).
        Assert.Equal((3L, 9L, 0L), (pages[0].Frustrated, pages[0].Engaged, pages[0].Satisfied));
        Assert.Equal(0.5, pages[0].Score, 12);
        Assert.Equal(12 / 22.0, pages[0].Confidence, 12);
        // search: a form fill (engaged), a submit and the long session (satisfied).
        Assert.Equal((0L, 1L, 2L), (pages[1].Frustrated, pages[1].Engaged, pages[1].Satisfied));
        Assert.Equal((1L, 1L), (pages[1].Patterns.FormSubmits, pages[1].Patterns.LongSessions));
        Assert.Equal(1.0, pages[1].Score);
        Assert.Equal((0.0, 0.0), (pages[2].Score, pages[2].Confidence));
        Assert.Equal(1, pages[3].Patterns.Purchases);
        Assert.Equal(1 / 11.0, pages[3].Confidence, 12);
    }

    [Fact]
    public void The_trend_scores_each_day_and_a_page_narrows_everything()
    {
        var all = Sentiment(new SentimentQuery(FunnelFilter.All));
        var day = Assert.Single(all.Trend);
        Assert.Equal(new DateOnly(2015, 1, 5), day.Date);
        Assert.Equal((13 - 3) / 16.0, day.Score, 12);

        var home = Sentiment(new SentimentQuery(FunnelFilter.All, FunnelPage.Home));
        Assert.Equal("home", Assert.Single(home.Pages).Page);
        Assert.Equal(0.5, Assert.Single(home.Trend).Score, 12);

        var mobile = Sentiment(new SentimentQuery(new FunnelFilter(Device: Device.Mobile)));
        Assert.Equal(0, mobile.Pages[0].Engaged);
        Assert.Equal(1, mobile.Pages[3].Satisfied);
    }

    [Fact]
    public void An_unknown_page_is_named()
    {
        var bad = SentimentQuery.Parse(ConversionTrendsTests.Parameters(("page", "cart")));
        Assert.Equal("page", Assert.Single(bad.Errors).Key);
        Assert.Equal(FunnelPage.Payment, SentimentQuery.Parse(ConversionTrendsTests.Parameters(("page", "payment_page"))).Value!.Page);
    }
}
