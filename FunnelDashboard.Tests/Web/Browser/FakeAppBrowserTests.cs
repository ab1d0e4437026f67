using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The dashboard in a browser on fake analytics, for what only a fake can push (states, live updates); the user scenarios run on the real app.</summary>
public sealed class FakeAppBrowserTests(FakeDashboardAppFixture app) : IClassFixture<FakeDashboardAppFixture>
{
    [Fact]
    public async Task Pushed_data_updates_the_chart_in_place()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("");
        var chart = await page.ChartAsync("funnel");
        var svgId = await chart.Locator("svg.apexcharts-svg").GetAttributeAsync("id");
        var table = await page.ChartTableAsync("funnel");

        try
        {
            app.Fake.SetScale(2);
            var doubled = app.Analytics.Current.GetFunnel(FunnelQuery.Default).Steps[0].Users;
            await Expect(chart.Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(Formats.Count(doubled));
            Assert.NotEqual(table[0][1], Formats.Count(doubled));
            // Same SVG element: the series were updated, the chart was not re-created.
            Assert.Equal(svgId, await chart.Locator("svg.apexcharts-svg").GetAttributeAsync("id"));
        }
        finally
        {
            app.Fake.SetScale(1);
        }
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task A_preparing_service_shows_a_banner_and_the_app_stays_usable()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel");
        try
        {
            app.Fake.SetState(AnalyticsState.Preparing, "Seeding 90,400 users from the dataset…");
            var banner = page.Page.Locator("[data-analytics-state=Preparing]");
            await Expect(banner).ToContainTextAsync("Seeding 90,400 users from the dataset…");
            await page.ScreenshotAsync("fake-preparing");

            await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
            await Expect(page.Page).ToHaveURLAsync(app.BaseAddress.ToString());
            await Expect(banner).ToBeVisibleAsync();
        }
        finally
        {
            app.Fake.SetState(AnalyticsState.Ready);
        }
        await Expect(page.Page.Locator("[data-analytics-state]")).ToHaveCountAsync(0);
        await page.ChartAsync("funnel");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task A_failed_computation_shows_its_message_in_place_and_the_next_good_view_clears_it()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel?device=Mobile");
        await page.ChartAsync("funnel-users");
        var error = page.Page.Locator("[data-state=error]");
        try
        {
            app.Fake.SetFailure("The store sent a row without a user.");
            await Expect(error).ToContainTextAsync("The funnel could not be computed");
            await Expect(error).ToContainTextAsync("The store sent a row without a user.");
            // The page around it stays usable: its controls, and a way to try again.
            await Expect(page.Page.Locator("#filter-device")).ToHaveValueAsync("Mobile");
            await error.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
            await Expect(error).ToContainTextAsync("The store sent a row without a user.");
        }
        finally
        {
            app.Fake.SetFailure(null);
        }
        await Expect(error).ToHaveCountAsync(0);
        var mobile = app.Analytics.Current.GetFunnel(FunnelQuery.Default with { Filter = new FunnelFilter(Device: FunnelDashboard.Core.Domain.Device.Mobile) });
        Assert.Equal(mobile.Steps.Select(s => new[] { s.Name, Formats.Count(s.Users) }), await page.ChartTableAsync("funnel-users"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task The_theme_choice_is_remembered_across_reloads()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel");
        var html = page.Page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");

        await page.Page.Locator(".fd-theme-toggle").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        await page.ChartAsync("funnel-users");
        await page.ScreenshotAsync("fake-funnel-dark");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_tablet_the_navigation_shrinks_to_icons()
    {
        await using var page = await app.OpenAsync(width: 820, height: 1180);
        await page.GoToAsync("");
        await page.ChartAsync("funnel");
        await Expect(page.Page.Locator(".fd-nav-link span").First).ToBeHiddenAsync();
        await Expect(page.Page.Locator(".fd-nav-link").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("fake-overview-tablet");
        Assert.Empty(page.ConsoleErrors);
    }
}
