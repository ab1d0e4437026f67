using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app on a small generated dataset with a tiny, quick forecaster that trains only when a test says so.</summary>
public sealed class ForecastAppFixture : DashboardAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Forecasting:MaxEpochs"] = "3",
        ["Forecasting:HiddenSize"] = "8",
        ["Forecasting:DenseSize"] = "8",
    };

    public ForecastService Forecasts => Services.GetRequiredService<ForecastService>();

    /// <summary>Trains every series once (the first caller trains; later ones find the models).</summary>
    public async Task EnsureTrainedAsync()
    {
        if (Forecasts.HasAllModels) return;
        await Services.GetRequiredService<Retraining>().EnqueueUnlessPendingAsync(ForecastModelTrainer.Name, "test");
        await Eventually.True(() => Task.FromResult(Forecasts.HasAllModels), "the forecast models");
    }
}

public sealed class ForecastPageBeforeTrainingTests(ForecastAppFixture app) : IClassFixture<ForecastAppFixture>
{
    [Fact]
    public async Task Without_a_model_the_page_shows_training_then_updates_itself_when_a_version_is_ready()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("forecast");
        await using var wall = await app.OpenAsync(1920, 1080);
        await wall.GoToWallAsync("?panels=forecast");
        await Expect(wall.Page.Locator("[data-state='no-forecast'][role='status']")).ToBeVisibleAsync();

        var state = page.Page.Locator("[data-state='training']");
        await Expect(state).ToBeVisibleAsync();
        await Expect(state).ToHaveAttributeAsync("role", "status"); // progress, not an error
        await Expect(page.Page.Locator("[role='alert']")).ToHaveCountAsync(0);

        await app.EnsureTrainedAsync();

        await page.ChartAsync("forecast"); // no reload: the page follows ForecastService.Changed
        await Expect(state).ToHaveCountAsync(0);
        await Expect(page.Page.GetByText("Model v1, trained")).ToBeVisibleAsync();
        Assert.Empty(page.ConsoleErrors);

        await wall.ChartAsync("wall-forecast"); // the wall follows the forecaster too
        await Expect(wall.Page.Locator("[data-state='no-forecast']")).ToHaveCountAsync(0);
        Assert.Empty(wall.ConsoleErrors);
    }
}

public sealed class ForecastPageTests(ForecastAppFixture app) : IClassFixture<ForecastAppFixture>
{
    [Fact]
    public async Task Axe_finds_no_violation_with_a_model_in_either_theme_with_the_table_hidden_or_shown()
    {
        await app.EnsureTrainedAsync();
        foreach (var theme in new[] { "light", "dark" })
        {
            await using var page = await app.OpenAsync(theme: theme);
            await page.GoToAsync("forecast?overlay=naive,seasonal_naive");
            await page.ChartAsync("forecast");
            await AccessibilityTests.AssertNoViolationsAsync(page, $"forecast {theme}, table hidden");
            await page.ChartTableAsync("forecast");
            await AccessibilityTests.AssertNoViolationsAsync(page, $"forecast {theme}, table shown");
            Assert.Empty(page.ConsoleErrors);
        }
    }

    [Fact]
    public async Task Draws_both_intervals_as_bands_and_the_table_matches_the_api()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync();
        await page.GoToAsync("forecast?page=search&days_ahead=5&overlay=seasonal_naive");

        var chart = await page.ChartAsync("forecast");
        await Expect(chart.Locator(".apexcharts-rangeArea-series .apexcharts-series")).ToHaveCountAsync(2);
        await Expect(chart.Locator(".apexcharts-legend-text")).ToHaveTextAsync(["95 % interval", "80 % interval", "Actual visits", "Forecast", "Seasonal naive"]);
        await page.ScreenshotAsync("forecast");

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var api = JsonDocument.Parse(await client.GetStringAsync("/predict/page-visits?page=search&days_ahead=5"));
        var predictions = api.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        var rows = await page.ChartTableAsync("forecast");
        var forecastRows = rows.Where(r => r[4] != "—").ToList(); // the forecast days; actual days show no forecast
        Assert.Equal(5, forecastRows.Count);
        for (int d = 0; d < 5; d++)
        {
            var p = predictions[d];
            string Count(string name) => Formats.Count(p.GetProperty(name).GetDouble());
            Assert.Equal(p.GetProperty("date").GetString(), forecastRows[d][0]);
            Assert.Equal($"{Count("lower95")} – {Count("upper95")}", forecastRows[d][1]);
            Assert.Equal($"{Count("lower80")} – {Count("upper80")}", forecastRows[d][2]);
            Assert.Equal(Count("value"), forecastRows[d][4]);
        }

        var metrics = api.RootElement.GetProperty("metrics");
        var table = page.Page.Locator("table").Filter(new() { HasText = "Forecasts scored" });
        var metricRows = await DashboardPage.ReadRowsAsync(table);
        Assert.Equal(["lstm", "naive", "seasonal_naive"], metricRows.Select(r => r[0]));
        foreach (var row in metricRows)
        {
            var m = metrics.GetProperty(row[0]);
            Assert.Equal(Formats.Percentage(m.GetProperty("mape").GetDouble()), row[1]);
            Assert.Equal(m.GetProperty("rmse").GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(m.GetProperty("count").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), row[5]);
        }
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task The_wall_shows_the_totals_next_seven_days_as_the_api_serves_them_without_accessibility_violations()
    {
        await app.EnsureTrainedAsync();
        await using var wall = await app.OpenAsync(1920, 1080);
        await wall.GoToWallAsync("?panels=forecast");
        var chart = await wall.ChartAsync("wall-forecast");
        await Expect(chart.Locator(".apexcharts-rangeArea-series .apexcharts-series")).ToHaveCountAsync(2);

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var api = JsonDocument.Parse(await client.GetStringAsync("/predict/page-visits?days_ahead=7"));
        var predictions = api.RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(7, predictions.Count);
        foreach (var day in predictions)
        {
            var metric = wall.Metric($"forecast-{day.GetProperty("date").GetString()}");
            await Expect(metric).ToHaveTextAsync(Formats.Count(day.GetProperty("value").GetDouble()));
        }
        await wall.ScreenshotAsync("wall-forecast-1080p");
        await AccessibilityTests.AssertNoViolationsAsync(wall, "wall forecast panel");
        Assert.Empty(wall.ConsoleErrors);
    }

    [Fact]
    public async Task The_series_and_days_ahead_live_in_the_url_and_survive_a_reload()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync();
        await page.GoToAsync("forecast");
        await page.ChartAsync("forecast");

        await page.Page.SelectOptionAsync("#forecast-series", "payment");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/forecast\?page=payment$"));
        await page.Page.SelectOptionAsync("#forecast-days", "3");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"/forecast\?page=payment&days_ahead=3$"));
        await page.Page.GetByLabel("Naive", new() { Exact = true }).CheckAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"overlay=naive$"));

        await page.ReloadAsync();
        await Expect(page.Page.Locator("#forecast-series")).ToHaveValueAsync("payment");
        await Expect(page.Page.Locator("#forecast-days")).ToHaveValueAsync("3");
        await Expect(page.Page.GetByText("payment: last 90 days and the next 3")).ToBeVisibleAsync();

        await page.GoToAsync("forecast?page=checkout&overlay=moon");
        await Expect(page.Page.Locator("[role='alert']")).ToContainTextAsync("Unknown page 'checkout'");
        await Expect(page.Page.Locator("[role='alert']")).ToContainTextAsync("Unknown overlay 'moon'");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_phone_the_forecast_fits_the_width_and_the_controls_are_labelled()
    {
        await app.EnsureTrainedAsync();
        await using var page = await app.OpenAsync(width: 390, height: 844);
        await page.GoToAsync("forecast?overlay=naive,seasonal_naive");
        await page.ChartAsync("forecast");

        // The page's own content fits (the shared top bar is the layout's business, and overflows on every page today).
        Assert.True(await page.Page.EvaluateAsync<bool>(
            "[...document.querySelectorAll('.fd-controls, .fd-forecast, .fd-forecast .card')].every(e => e.getBoundingClientRect().right <= window.innerWidth)"));
        await Expect(page.Page.GetByLabel("Series")).ToHaveValueAsync("total");
        await Expect(page.Page.GetByLabel("Days ahead")).ToHaveValueAsync("7");
        await page.ScreenshotAsync("forecast-phone");
        Assert.Empty(page.ConsoleErrors);
    }
}
