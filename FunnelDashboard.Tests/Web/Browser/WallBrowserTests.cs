using System.Globalization;
using Deque.AxeCore.Playwright;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The wall display (/wall) in a browser, on fake analytics and a test clock.</summary>
[Collection(WallCollection.Name)]
public sealed class WallBrowserTests(WallAppFixture app)
{
    const int Users = 400;

    LiveMetrics Push(int users = Users, bool fresh = true)
    {
        var snapshot = LiveJourneys.Build(app.Clock.GetUtcNow(), users, fresh);
        app.Fake.SetLiveSnapshot(snapshot);
        return LiveMetrics.Compute(snapshot, app.Clock.GetUtcNow().UtcDateTime);
    }

    static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_headline_numbers_carry_data_metric_attributes_equal_to_the_live_metrics()
    {
        var expected = Push();
        await using var page = await app.OpenAsync(1920, 1080);
        await page.GoToWallAsync("?panels=kpis");

        var numbers = new Dictionary<string, double>
        {
            ["users-today"] = expected.Today.Users,
            ["conversions-today"] = expected.Today.Conversions,
            ["conversion-rate-today"] = expected.Today.ConversionRate,
            ["users-last-hour"] = expected.LastHour.Users,
            ["conversions-last-hour"] = expected.LastHour.Conversions,
            ["conversion-rate-last-hour"] = expected.LastHour.ConversionRate,
            ["events-per-minute"] = expected.EventsPerMinute,
        };
        foreach (var (metric, value) in numbers)
            await Expect(page.Metric(metric)).ToHaveAttributeAsync("data-value", Invariant(value));
        await Expect(page.Metric("users-today")).ToHaveTextAsync(Formats.Count(expected.Today.Users));
        await Expect(page.Metric("conversion-rate-today")).ToHaveTextAsync(Formats.Percent(expected.Today.ConversionRate));
        // Hand-checked on the journeys: every user came home within 5 h of 10:30, so all count today; a tenth converted.
        Assert.Equal(Users + 1, expected.Today.Users);
        Assert.Equal(Users / 10, expected.Today.Conversions);

        // Readable from 3 m: headline numbers at least 64 px.
        var fontSize = await page.Metric("users-today").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", ""), CultureInfo.InvariantCulture) >= 64, $"headline font size {fontSize}");
        await page.ScreenshotAsync("wall-kpis-1080p");
        Assert.True(page.ConsoleErrors.Count == 0, string.Join("\n", page.ConsoleErrors));
    }

    [Fact]
    public async Task The_devices_panel_shows_todays_conversion_per_device_with_its_chart()
    {
        var expected = Push();
        await using var page = await app.OpenAsync(1920, 1080);
        await page.GoToWallAsync("?panels=devices");

        foreach (var group in expected.TodayFunnelByDevice.Groups!)
            await Expect(page.Metric($"conversion-rate-today-{group.Value.ToLowerInvariant()}"))
                .ToHaveAttributeAsync("data-value", Invariant(group.Steps[^1].ConversionFromStart));
        await page.ChartAsync("wall-conversion-by-device");
        await page.ScreenshotAsync("wall-devices-1080p");
        Assert.True(page.ConsoleErrors.Count == 0, string.Join("\n", page.ConsoleErrors));
    }

    [Fact]
    public async Task Panels_rotate_on_the_walls_clock_and_every_panel_draws()
    {
        Push();
        await using var page = await app.OpenAsync(1920, 1080);
        await page.GoToWallAsync("?rotate=5&panels=funnel,trend,kpis");
        var shown = page.Page.Locator("[data-panel-shown]");

        await Expect(shown).ToHaveAttributeAsync("data-panel-shown", "funnel");
        await page.ChartAsync("wall-funnel");
        await page.ScreenshotAsync("wall-funnel-1080p");

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await Expect(shown).ToHaveAttributeAsync("data-panel-shown", "trend");
        await page.ChartAsync("wall-events-by-minute");
        await page.ScreenshotAsync("wall-trend-1080p");

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await Expect(shown).ToHaveAttributeAsync("data-panel-shown", "kpis");
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await Expect(shown).ToHaveAttributeAsync("data-panel-shown", "funnel");
        Assert.True(page.ConsoleErrors.Count == 0, string.Join("\n", page.ConsoleErrors));
    }

    [Fact]
    public async Task Bad_values_are_named_on_the_wall_and_the_defaults_show()
    {
        Push();
        await using var page = await app.OpenAsync(1920, 1080);
        await page.GoToWallAsync("?rotate=fast&panels=kpis,clock");

        var problems = page.Page.Locator("[data-wall-problems]");
        await Expect(problems).ToContainTextAsync("rotate='fast' is not a time per panel");
        await Expect(problems).ToContainTextAsync("'clock' is not a panel; the panels are kpis, funnel, devices, trend, forecast.");
        await Expect(page.Page.Locator("[data-panel-shown]")).ToHaveAttributeAsync("data-panel-shown", "kpis");
        await Expect(page.Metric("users-today")).ToBeVisibleAsync();
        Assert.True(page.ConsoleErrors.Count == 0, string.Join("\n", page.ConsoleErrors));
    }

    [Fact]
    public async Task The_live_indicator_turns_amber_when_nothing_arrived_for_StaleAfter()
    {
        Push(fresh: true);
        await using var page = await app.OpenAsync(1920, 1080);
        await page.GoToWallAsync("?panels=kpis");
        var indicator = page.Page.Locator("[data-live-state]");
        await Expect(indicator).ToHaveAttributeAsync("data-live-state", "live");

        // The newest of these is 2 minutes before the current minute: older than the default 2 minutes.
        Push(fresh: false);
        await Expect(indicator).ToHaveAttributeAsync("data-live-state", "stale");
        var age = await page.MetricValueAsync("newest-event-age-seconds");
        Assert.InRange(age, 2 * 60, 3 * 60);
        await page.ScreenshotAsync("wall-stale-1080p");

        // The age ticks without any update from the analytics.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.Page.WaitForFunctionAsync("min => +document.querySelector(\"[data-metric='newest-event-age-seconds']\").dataset.value >= min", age + 30);
        Assert.True(page.ConsoleErrors.Count == 0, string.Join("\n", page.ConsoleErrors));
    }

    [Fact]
    public async Task The_wall_has_no_accessibility_violations()
    {
        Push();
        foreach (var panel in new[] { "kpis", "funnel", "devices", "trend", "forecast" })
        {
            await using var page = await app.OpenAsync(1920, 1080);
            await page.GoToWallAsync($"?panels={panel}");
            if (panel is "forecast") await page.Page.Locator("[data-state='no-forecast']").WaitForAsync(); // no model on fake data
            else if (panel != "kpis") await page.Page.Locator("svg.apexcharts-svg").WaitForAsync();
            var results = await page.Page.RunAxe();
            Assert.True(results.Violations.Length == 0,
                $"{panel}: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        }
    }

    [Fact]
    public async Task On_a_phone_the_wall_does_not_scroll_sideways()
    {
        Push();
        await using var page = await app.OpenAsync(390, 844);
        await page.GoToWallAsync("?panels=kpis");
        await Expect(page.Metric("users-today")).ToBeVisibleAsync();
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.Equal(0, overflow);
        await page.ScreenshotAsync("wall-kpis-phone");
    }
}
