using System.Text.RegularExpressions;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// What a person does with the dashboard, written once and run against both the fake and the real analytics.
/// The expected numbers come from the app's own <see cref="IFunnelAnalytics"/>, so the same checks hold for any data.
/// </summary>
public static class DashboardScenarios
{
    public const string FilteredFunnel = "funnel?device=Mobile&sex=Female&from=2015-02-01&to=2015-03-31&breakdown=device";

    public static async Task OverviewShowsTheFunnelWithOneBarPerStepAndItsNumbers(DashboardAppFixture app, string screenshot)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("");

        var expected = app.Analytics.Current.GetFunnel(FunnelQuery.Default).Steps;
        var chart = await page.ChartAsync("funnel");
        await Expect(chart.Locator("path.apexcharts-bar-area")).ToHaveCountAsync(expected.Count);
        await page.ScreenshotAsync(screenshot);

        var rows = await page.ChartTableAsync("funnel");
        Assert.Equal(expected.Select(s => new[] { s.Name, Formats.Count(s.Users) }), rows);
        Assert.Empty(page.ConsoleErrors);
    }

    public static async Task ChangingAFilterUpdatesTheChartAndTheUrl(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel");
        var chart = await page.ChartAsync("funnel-users");
        var firstLabel = chart.Locator(".apexcharts-datalabels").First;
        await Expect(firstLabel).ToContainTextAsync(UserRows(app, FunnelQuery.Default)[0][1]);

        await page.Page.SelectOptionAsync("#filter-device", "Mobile");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/funnel\?device=Mobile$"));

        // The chart is redrawn with the new numbers, and its table says the same.
        var mobile = UserRows(app, FunnelQuery.Default with { Filter = new FunnelFilter(Device: Device.Mobile) });
        await Expect(firstLabel).ToContainTextAsync(mobile[0][1]);
        Assert.Equal(mobile, await page.ChartTableAsync("funnel-users"));
        Assert.Empty(page.ConsoleErrors);
    }

    public static async Task ReloadingAndGoingBackRestoreTheView(DashboardAppFixture app, string screenshot)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync(FilteredFunnel);
        await AssertFilteredFunnelShownAsync(app, page);
        await page.ScreenshotAsync(screenshot);

        await page.ReloadAsync();
        await AssertFilteredFunnelShownAsync(app, page);

        await page.Page.SelectOptionAsync("#filter-sex", "Male");
        await Expect(page.Page).ToHaveURLAsync(new Regex("sex=Male"));
        await page.GoBackAsync();
        await AssertFilteredFunnelShownAsync(app, page);
        Assert.Empty(page.ConsoleErrors);
    }

    static async Task AssertFilteredFunnelShownAsync(DashboardAppFixture app, DashboardPage page)
    {
        var p = page.Page;
        await Expect(p.Locator("#filter-device")).ToHaveValueAsync("Mobile");
        await Expect(p.Locator("#filter-sex")).ToHaveValueAsync("Female");
        await Expect(p.Locator("#filter-from")).ToHaveValueAsync("2015-02-01");
        await Expect(p.Locator("#filter-to")).ToHaveValueAsync("2015-03-31");
        await Expect(p.Locator("#funnel-breakdown")).ToHaveValueAsync(nameof(Breakdown.Device));

        var query = FunnelQuery.Parse(name => name switch
        {
            "device" => "Mobile", "sex" => "Female", "from" => "2015-02-01", "to" => "2015-03-31", "breakdown" => "device", _ => null,
        }).Value!;
        // A device filter with a breakdown by device: the page says so, and shows only the group that has users.
        await Expect(p.Locator("[data-contradiction]")).ToContainTextAsync("keeps only Mobile users");
        foreach (var group in app.Analytics.Current.GetFunnel(query).Groups!)
        {
            var table = p.Locator($"[data-table='{group.Value}: steps'] table");
            if (group.Value == "Mobile")
                await Expect(table.Locator("tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync(Formats.Count(group.Steps[0].Users));
            else
                await Expect(table).ToHaveCountAsync(0);
        }
    }

    public static async Task InvalidParametersShowAnErrorState(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel?device=tv&window=0");
        var error = page.Page.Locator("[data-state=error]");
        await Expect(error).ToContainTextAsync("Unknown device 'tv'");
        await Expect(error).ToContainTextAsync("is not a window");

        await page.GoToAsync("?from=2015-13-01");
        await Expect(page.Page.Locator("[data-state=error]")).ToContainTextAsync("is not a date");
        Assert.Empty(page.ConsoleErrors);
    }

    /// <summary>Each chart on the Overview offers its numbers as a table.</summary>
    public static async Task EveryOverviewChartHasATable(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("");
        foreach (var chart in new[] { "funnel", "conversion-by-device", "drop-off", "daily-conversion" })
            Assert.NotEmpty(await page.ChartTableAsync(chart));
        Assert.Empty(page.ConsoleErrors);
    }

    static List<string[]> UserRows(DashboardAppFixture app, FunnelQuery query) =>
        app.Analytics.Current.GetFunnel(query).Steps.Select(s => new[] { s.Name, Formats.Count(s.Users) }).ToList();
}
