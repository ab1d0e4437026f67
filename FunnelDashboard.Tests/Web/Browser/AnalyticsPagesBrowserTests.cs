using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Journeys;
using FunnelDashboard.Web.Components.Pages.Sentiment;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>Journeys, Sentiment and Users in a browser on the seed data: what a user reads equals the API's answer for the same query.</summary>
public sealed class AnalyticsPagesBrowserTests(RealDashboardAppFixture app) : IClassFixture<RealDashboardAppFixture>
{
    /// <summary>The seed's first user.</summary>
    const long SeedUser = 275414;

    [Fact]
    public async Task Journeys_show_the_top_paths_and_their_flow_diagram_as_the_api_answers_them()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("journeys?limit=3&max_length=4&device=Mobile");
        var answer = app.Analytics.Current.GetUserJourneys(new JourneyQuery(new FunnelFilter(Device: Device.Mobile), Limit: 3, MaxLength: 4));

        var paths = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Paths by users'] table"));
        Assert.Equal(answer.Paths.Select(p => new[] { string.Join(" → ", p.Pages), Formats.Count(p.Users), Formats.Percent(p.Share), Formats.Percent(p.Conversion) }), paths);
        var flows = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Flows by users'] table"));
        Assert.Equal(answer.Flows.Take(10).Select(f => new[] { f.From, f.To, Formats.Count(f.Users) }), flows);

        var diagram = page.Page.Locator("[data-diagram='journey-flow']");
        var links = JourneyDiagram.Links(answer.Paths, 4);
        await Expect(diagram.Locator("svg path")).ToHaveCountAsync(links.Count);
        await Expect(diagram.Locator("[data-finding]")).ToHaveTextAsync(JourneyDiagram.Finding(links));
        await diagram.GetByRole(AriaRole.Switch).CheckAsync();
        var table = diagram.Locator("table[data-chart-table='journey-flow']");
        await table.WaitForAsync();
        Assert.Equal(links.Select(l => new[] { $"{l.Column + 1} → {l.Column + 2}", l.From, l.To, Formats.Count(l.Value) }), await DashboardPage.ReadRowsAsync(table));
        await AccessibilityTests.AssertNoViolationsAsync(page, "journeys, the diagram's table shown");

        // The keyboard saves the drawing as a 960 px document at twice the size, named after the diagram and the filter.
        var png = diagram.GetByRole(AriaRole.Button, new() { Name = "Download Users of the top paths from page to page, by position in the session as PNG" });
        await png.FocusAsync();
        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Keyboard.PressAsync("Enter"));
        Assert.Equal("journey-flow_mobile.png", download.SuggestedFilename);
        var bytes = File.ReadAllBytes(await download.PathAsync());
        Assert.Equal(1920, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);

        await page.Page.Locator("#journeys-limit").SelectOptionAsync("5");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/journeys\?limit=5&max_length=4&device=Mobile$"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Sentiment_shows_each_pages_patterns_score_and_confidence_as_the_api_answers_them()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("sentiment?page=payment&from=2015-02-01");
        var answer = app.Analytics.Current.GetSentiment(new SentimentQuery(new FunnelFilter(From: new DateOnly(2015, 2, 1)), FunnelPage.Payment));

        var payment = Assert.Single(answer.Pages);
        var rows = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Sentiment per page'] table"));
        Assert.Equal([[ "payment", Formats.Count(payment.Frustrated), Formats.Count(payment.Engaged), Formats.Count(payment.Satisfied),
            SentimentModel.Score(payment.Score), SentimentModel.Ratio(payment.Confidence) ]], rows);
        var detectors = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Patterns per page'] table"));
        Assert.Equal(["Repeated clicks", Formats.Count(payment.Patterns.RepeatedClicks)], detectors[1]);
        Assert.True(payment.Patterns.RepeatedClicks > 0, "the seed's abandoning visitors click repeatedly on one spot");
        var trend = await page.ChartTableAsync("sentiment-trend");
        Assert.Equal(answer.Trend.Count, trend.Count);

        await page.Page.Locator("#sentiment-page").SelectOptionAsync("");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/sentiment\?from=2015-02-01$"));
        await Expect(page.Page.Locator("[data-table='Sentiment per page'] tbody tr")).ToHaveCountAsync(Names.AllPages.Count);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task The_lookup_form_says_what_is_wrong_with_an_id_and_leads_to_a_known_users_story()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("users");
        var input = page.Page.GetByLabel("User id");
        var message = page.Page.Locator("[data-lookup-message]");

        await input.FillAsync("abc");
        await input.PressAsync("Enter");
        await Expect(message).ToHaveTextAsync("'abc' is not a user id: ids are whole numbers from 1, e.g. 42.");
        await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await input.FillAsync("999999999");
        await input.PressAsync("Enter");
        await Expect(message).ToHaveTextAsync("There is no user 999999999 in the data.");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users$"));

        await input.FillAsync(SeedUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Show the user" }).ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/users/{SeedUser}$"));
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync($"User {SeedUser}");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task A_users_page_shows_their_story_as_the_api_answers_it_and_an_unknown_id_is_not_found()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync($"users/{SeedUser}");
        var story = app.Analytics.Current.GetUserBehavior(SeedUser, FunnelFilter.All)!;

        await Expect(page.Page.Locator("[data-deepest-step]")).ToHaveTextAsync(story.DeepestStep ?? "none in this view");
        await Expect(page.Page.Locator("[data-session]")).ToHaveCountAsync(story.Sessions.Count);
        var first = story.Sessions[0];
        var visits = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Session 1: visits'] table"));
        Assert.Equal(first.Visits.Select(v => new[] { v.Page, v.Time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Formats.Duration(v.DurationSeconds) }), visits);
        var interactions = await DashboardPage.ReadRowsAsync(page.Page.Locator("[data-table='Session 1: interactions'] table"));
        Assert.Equal(first.Interactions.Take(10).Select(i => new[] { i.Time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), i.Page, i.Type, $"{i.X}, {i.Y}" }), interactions);
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Similar users" })).ToHaveAttributeAsync("href", $"segments?user={SeedUser}");

        await page.GoToAsync("users/999999999");
        await Expect(page.Page.Locator("[data-state=empty]")).ToContainTextAsync("User not found");
        await Expect(page.Page.Locator("[data-state=empty]")).ToContainTextAsync("There is no user 999999999 in the data.");
        await page.GoToAsync("users/abc");
        await Expect(page.Page.Locator("[data-state=error]")).ToContainTextAsync("'abc' is not a user id");
        Assert.Empty(page.ConsoleErrors);
    }
}
