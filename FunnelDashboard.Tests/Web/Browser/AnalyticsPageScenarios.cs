using System.Text.RegularExpressions;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Cohorts;
using FunnelDashboard.Web.Components.Pages.Funnel;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// The Trends and Cohorts pages and the Funnel page's significance, as a person uses them: the numbers shown are the
/// API's answer for the same view (from the app's own <see cref="IFunnelAnalytics"/>), and a control changes URL and chart.
/// </summary>
public static class AnalyticsPageScenarios
{
    public static async Task TrendsShowTheApiNumbersAndThePeriodControlChangesUrlAndChart(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("trends?breakdown=device&granularity=week");

        var weekly = app.Analytics.Current.GetConversionTrends(new TrendsQuery(FunnelFilter.All, Granularity.Week, Breakdown.Device));
        var expected = weekly.Groups!.SelectMany(g => g.Periods.Select(p => new[]
        {
            Formats.Date(p.Start), g.Value, Formats.Count(p.Users), Formats.Count(p.Conversions), Formats.Rate(p.Rate), Formats.Rate(p.Lower), Formats.Rate(p.Upper),
        })).ToList();
        var table = page.Page.Locator("[data-table='Conversion per period'] table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(15); // the first page
        Assert.Equal(expected.Take(15), await DashboardPage.ReadRowsAsync(table));
        var chart = await page.ChartAsync("conversion-trend");
        await Expect(chart.Locator(".apexcharts-series")).ToHaveCountAsync(4); // a band and a line per device
        Assert.Equal(weekly.Periods.Select(p => Formats.Date(p.Start)), (await page.ChartTableAsync("conversion-trend")).Select(r => r[0]));
        await page.ScreenshotAsync("trends-weekly-by-device");

        await page.Page.SelectOptionAsync("#trends-granularity", "month");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/trends\?breakdown=device&granularity=month$"));
        var monthly = app.Analytics.Current.GetConversionTrends(new TrendsQuery(FunnelFilter.All, Granularity.Month, Breakdown.Device));
        var months = monthly.Periods.Select(p => Formats.Date(p.Start)).ToList();
        Assert.Equal(["2015-01-01", "2015-02-01", "2015-03-01", "2015-04-01"], months);
        // The chart's table (still switched on) follows the new series.
        var chartTable = chart.Locator("table[data-chart-table='conversion-trend']");
        await Expect(chartTable.Locator("tbody tr")).ToHaveCountAsync(months.Count);
        Assert.Equal(months, (await DashboardPage.ReadRowsAsync(chartTable)).Select(r => r[0]));
        await Expect(table.Locator("tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync(Formats.Count(monthly.Groups![0].Periods[0].Users));

        await page.GoToAsync("trends?granularity=hour");
        await Expect(page.Page.Locator("[data-state=error]")).ToContainTextAsync("'hour' is not a granularity");
        Assert.Empty(page.ConsoleErrors);
    }

    public static async Task CohortsShowTheApiNumbersAndThePeriodControlChangesUrlAndHeatmap(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("cohorts");

        await AssertCohortsShownAsync(app, page, CohortPeriod.Week);
        await page.ScreenshotAsync("cohorts-weekly");

        await page.Page.SelectOptionAsync("#cohorts-period", "month");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/cohorts\?period=month$"));
        await AssertCohortsShownAsync(app, page, CohortPeriod.Month);

        await page.GoToAsync("cohorts?period=day");
        await Expect(page.Page.Locator("[data-state=error]")).ToContainTextAsync("'day' is not a period");
        Assert.Empty(page.ConsoleErrors);
    }

    /// <summary>A heatmap row per cohort, and both tables hold the API's cohorts (as the page formats them).</summary>
    static async Task AssertCohortsShownAsync(DashboardAppFixture app, DashboardPage page, CohortPeriod period)
    {
        var retention = app.Analytics.Current.GetCohortRetention(new CohortQuery(FunnelFilter.All, period));
        Assert.NotEmpty(retention.Cohorts);
        var view = new CohortsView(retention, period);
        var heatmap = await page.ChartAsync("cohort-retention");
        await Expect(heatmap.Locator(".apexcharts-heatmap-series")).ToHaveCountAsync(retention.Cohorts.Count);
        var name = view.PeriodName;
        foreach (var (caption, shares) in new (string, Func<Cohort, IReadOnlyList<double>>)[]
                 { ($"Share of each cohort active per {name}", c => c.Retention), ($"Share of each cohort converting per {name}", c => c.Conversion) })
        {
            var table = page.Page.Locator($"[data-table='{caption}'] table");
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(retention.Cohorts.Count);
            var columns = view.Columns(shares);
            Assert.Equal(retention.Cohorts.Select(c => columns.Select(column => column.Text(c)).ToArray()), await DashboardPage.ReadRowsAsync(table));
        }
    }

    public static async Task TheFunnelSaysWhetherItsGroupsDifferAndHowLongConvertingTakes(DashboardAppFixture app)
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel?breakdown=device");

        var byDevice = app.Analytics.Current.GetSignificance(FunnelQuery.Default with { Breakdown = Breakdown.Device });
        var sentence = page.Page.Locator("[data-significance]");
        await Expect(sentence).ToHaveTextAsync(SignificanceText.Sentence(byDevice));
        var mobile = byDevice.Groups.Single(g => g.Value == "Mobile");
        await Expect(sentence).ToContainTextAsync($"Mobile at {Formats.Rate(mobile.Rate)} ({Formats.Rate(mobile.Lower)}–{Formats.Rate(mobile.Upper)})");
        await Expect(sentence).ToContainTextAsync("the difference is significant (p < 0.001)"); // the dataset's mobile users convert 4 times as often
        var table = page.Page.Locator("[data-table='Conversion by group'] table");
        Assert.Equal(byDevice.Groups.Select(g => new[] { g.Value, Formats.Count(g.Users), Formats.Count(g.Conversions), Formats.Rate(g.Rate), Formats.Rate(g.Lower), Formats.Rate(g.Upper) }),
            await DashboardPage.ReadRowsAsync(table));

        var time = app.Analytics.Current.GetTimeToConvert(new TimeToConvertQuery(FunnelQuery.Default, 0, 3));
        Assert.Equal(TimeToConvertChart.Series(time)[0].Points.Select(p => new[] { p.X, Formats.Count(p.Y!.Value) }), await page.ChartTableAsync("time-to-convert"));
        await Expect(page.Page.Locator("[data-chart='time-to-convert'] [data-finding]")).ToHaveTextAsync(TimeToConvertChart.Finding(time));
        await page.ScreenshotAsync("funnel-significance");

        await page.Page.SelectOptionAsync("#funnel-breakdown", nameof(Breakdown.Sex));
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/funnel\?breakdown=sex$"));
        var bySex = app.Analytics.Current.GetSignificance(FunnelQuery.Default with { Breakdown = Breakdown.Sex });
        await Expect(sentence).ToHaveTextAsync(SignificanceText.Sentence(bySex));
        await Expect(sentence).ToContainTextAsync("could be chance"); // the dataset's men and women convert alike
        await page.Page.SelectOptionAsync("#funnel-breakdown", nameof(Breakdown.None));
        await Expect(sentence).ToHaveCountAsync(0);
        Assert.Empty(page.ConsoleErrors);
    }
}
