using System.Text.RegularExpressions;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Web.Components.Pages.Segments;
using FunnelDashboard.Web.SimilarUsers;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app on the small generated dataset with a small, quick two-tower model that trains only when a test says so.</summary>
public sealed class SegmentsAppFixture : DashboardAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SimilarUsers:Dimensions"] = "16",
        ["SimilarUsers:Epochs"] = "2",
    };

    public SimilarUsersService SimilarUsers => Services.GetRequiredService<SimilarUsersService>();
    public EventSnapshot Snapshot => Services.GetRequiredService<FunnelAnalytics>().Snapshot;

    /// <summary>
    /// Trains once (the first caller trains; later ones find the model), and waits for the default clusters, which the
    /// service computes after serving a version: on a busy machine that takes longer than a page test waits.
    /// </summary>
    public async Task EnsureTrainedAsync()
    {
        if (SimilarUsers.Current is null)
        {
            if (SimilarUsers.TryStartTraining() is { } run) await run;
            else await Eventually.True(() => Task.FromResult(SimilarUsers.Current is not null), "the similar-users model", timeoutSeconds: 300);
        }
        var model = SimilarUsers.Current!;
        await Task.Run(() => model.Clusters(null, Snapshot, SimilarUsers.Options));
    }
}

public sealed class SegmentsPageBeforeTrainingTests(SegmentsAppFixture app) : IClassFixture<SegmentsAppFixture>
{
    [Fact]
    public async Task Without_a_model_the_page_shows_training_then_updates_itself_when_a_version_is_served()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("segments");

        var state = page.Page.Locator("[data-state='training']");
        await Expect(state).ToBeVisibleAsync();
        await Expect(state).ToHaveAttributeAsync("role", "status"); // progress, not an error
        await Expect(page.Page.Locator("[role='alert']")).ToHaveCountAsync(0);

        await app.EnsureTrainedAsync();

        await page.ChartAsync("clusters"); // no reload: the page follows SimilarUsersService.Changed
        await Expect(state).ToHaveCountAsync(0);
        await Expect(page.Page.GetByText("Model v1, trained")).ToBeVisibleAsync();
        Assert.Empty(page.ConsoleErrors);
    }
}

public sealed class SegmentsPageTests(SegmentsAppFixture app) : IClassFixture<SegmentsAppFixture>
{
    [Fact]
    public async Task Looking_up_a_user_lists_the_similar_users_with_links_and_keeps_the_user_in_the_url()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync();
        await page.GoToAsync("segments");
        await page.ChartAsync("clusters");
        var user = app.Snapshot.UserIds.First();

        var box = page.Page.GetByLabel("User id");
        await box.FillAsync(user.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await box.PressAsync("Enter");

        await Expect(page.Page).ToHaveURLAsync(new Regex($@"/segments\?user={user}$"));
        var table = page.Page.Locator("table[data-table='similar-users']");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(SegmentsView.SimilarCount);
        var expected = app.SimilarUsers.Current!.Similar(user, SegmentsView.SimilarCount, null, app.Snapshot)!.Similar;
        var rows = await DashboardPage.ReadRowsAsync(table);
        Assert.Equal(expected.Select(s => s.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.Equal(expected.Select(s => s.Device), rows.Select(r => r[2]));
        Assert.Equal($"users/{expected[0].UserId}", await table.Locator("tbody tr a").First.GetAttributeAsync("href"));
        await page.ScreenshotAsync("segments-similar-users");

        await page.ReloadAsync(); // the view is the URL
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(SegmentsView.SimilarCount);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task An_unknown_user_is_named_and_a_bad_value_never_leaves_the_page()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync();
        await page.GoToAsync("segments?user=999999999");
        await page.ChartAsync("clusters");
        await Expect(page.Page.Locator("#similar-user-hint")).ToHaveTextAsync("There is no user 999999999.");

        var box = page.Page.GetByLabel("User id");
        await box.FillAsync("abc");
        await box.PressAsync("Enter");
        await Expect(page.Page.Locator("#similar-user-hint")).ToContainTextAsync("'abc' is not a user id");
        await Expect(box).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/segments\?user=999999999$"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task The_clusters_draw_as_a_scatter_with_one_series_per_cluster_and_their_profiles_in_a_table()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync();
        await page.GoToAsync("segments?k=3");

        var chart = await page.ChartAsync("clusters");
        await Expect(chart.Locator(".apexcharts-series")).ToHaveCountAsync(3);
        var clusters = app.SimilarUsers.Current!.Clusters(3, app.Snapshot, app.SimilarUsers.Options);
        var profiles = page.Page.Locator("[data-table='Behavioural clusters and their profiles'] tbody tr");
        await Expect(profiles).ToHaveCountAsync(3);
        Assert.Equal(clusters.Clusters.Select(c => $"Cluster {c.Id}"), await profiles.Locator("td:first-child").AllInnerTextsAsync());
        var table = await page.ChartTableAsync("clusters");
        Assert.Equal(clusters.Projection.Count, table.Count);
        await page.ScreenshotAsync("segments-clusters");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Axe_finds_no_violation_with_a_model_in_either_theme_with_the_table_hidden_or_shown()
    {
        await app.EnsureTrainedAsync();
        foreach (var theme in new[] { "light", "dark" })
        {
            await using var page = await app.OpenAsync(theme: theme);
            await page.GoToAsync($"segments?user={app.Snapshot.UserIds.ElementAt(1)}");
            await page.ChartAsync("clusters");
            await Expect(page.Page.Locator("table[data-table='similar-users'] tbody tr")).ToHaveCountAsync(SegmentsView.SimilarCount);
            await AccessibilityTests.AssertNoViolationsAsync(page, $"segments {theme}, table hidden");
            await page.ChartTableAsync("clusters");
            await AccessibilityTests.AssertNoViolationsAsync(page, $"segments {theme}, table shown");
            Assert.Empty(page.ConsoleErrors);
        }
    }

    [Fact]
    public async Task Nothing_scrolls_sideways_on_a_phone_with_a_model()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync(width: 390, height: 844);
        await page.GoToAsync($"segments?user={app.Snapshot.UserIds.ElementAt(1)}");
        await page.ChartTableAsync("clusters");
        await Expect(page.Page.Locator("table[data-table='similar-users'] tbody tr")).ToHaveCountAsync(SegmentsView.SimilarCount);
        var width = await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"segments: the page is {width} px wide on a 390 px screen");
        await page.ScreenshotAsync("phone-segments-model");
    }
}
