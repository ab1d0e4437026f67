using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app with a small forecaster that trains long enough (some seconds) for its progress to be watched.</summary>
public sealed class AdminAppFixture : DashboardAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Forecasting:MaxEpochs"] = "40",
        ["Forecasting:HiddenSize"] = "128", // slow enough to watch even when early stopping ends each series after 16 epochs
        ["Forecasting:DenseSize"] = "32",
        ["Live:MinUpdateInterval"] = "00:00:00.100",
    };

    public ForecastService Forecasts => Services.GetRequiredService<ForecastService>();
    public JobRunner Jobs => Services.GetRequiredService<JobRunner>();
}

public sealed class AdminBrowserTests(AdminAppFixture app) : IClassFixture<AdminAppFixture>
{
    [Fact]
    public async Task An_admin_starts_a_retraining_watches_it_progress_then_rolls_the_served_version_back()
    {
        await using var page = await app.OpenAsync(apiKey: DashboardAppFixture.AdminKey);
        await page.GoToAsync("admin");
        await Expect(page.Page.GetByText("No version of total yet")).ToBeVisibleAsync();

        // The first version, from the button.
        await page.Page.Locator("[data-action='retrain-forecast']").ClickAsync();
        var job = page.Page.Locator("li[data-job]").First;
        var bar = job.Locator("[role=progressbar]");
        var seen = new List<int>();
        var curvePoints = new List<int>();
        while (true)
        {
            // One read of the whole job, so the curve cannot vanish (the job ending) between two reads.
            var state = await job.EvaluateAsync<string[]>("""
                li => [li.dataset.state, li.querySelector('[role=progressbar]').getAttribute('aria-valuenow'),
                       li.querySelector('figure.fd-loss')?.dataset.points ?? '']
                """);
            if (state[0] is not ("queued" or "running")) break;
            seen.Add(int.Parse(state[1]));
            if (state[2].Length > 0) curvePoints.Add(int.Parse(state[2]));
            await Task.Delay(50);
        }
        await Expect(job).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
        var moving = seen.Where(p => p is > 0 and < 100).Distinct().ToList();
        Assert.True(moving.Count >= 2, $"the bar showed {string.Join(", ", seen.Distinct())} %");
        Assert.Equal(seen, seen.Order()); // it only moves forward
        Assert.True(curvePoints.Distinct().Count() >= 2, $"the loss curve showed {string.Join(", ", curvePoints.Distinct())} points");

        // A second version trains on the same data with the same settings: no better, so it is kept but v1 still serves.
        var second = await app.Services.GetRequiredService<Retraining>().EnqueueAsync(ForecastModelTrainer.Name, "test");
        Assert.Equal(JobState.Succeeded, (await app.Jobs.WhenFinishedAsync(second.Record.Id)).State);
        var rows = page.Page.Locator("table.fd-registry tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("tr[data-version='1']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page.Locator("tr[data-version='2']")).ToContainTextAsync("Not activated: RMSE");

        // Roll forward to v2, then back to the older v1: the API serves each at once.
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Activate version 2 of total" }).ClickAsync();
        await Expect(page.Page.Locator("tr[data-version='2']")).ToHaveAttributeAsync("data-active", "true");
        Assert.Equal(2, await ServedVersionAsync());
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Activate version 1 of total" }).ClickAsync();
        await Expect(page.Page.Locator("tr[data-version='1']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page.Locator("tr[data-version='2']")).ToHaveAttributeAsync("data-active", "false");
        Assert.Equal(1, await ServedVersionAsync());
        Assert.Empty(page.ConsoleErrors);

        // With jobs and versions on it, in both themes, with a log open.
        await job.Locator("summary").ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page, "admin with jobs and versions, light");
        await using var dark = await app.OpenAsync(theme: "dark", apiKey: DashboardAppFixture.AdminKey);
        await dark.GoToAsync("admin?series=home");
        await Expect(dark.Page.Locator("table.fd-registry[data-series='home'] tbody tr")).ToHaveCountAsync(2);
        await AccessibilityTests.AssertNoViolationsAsync(dark, "admin with jobs and versions, dark");
    }

    [Fact]
    public async Task The_admin_page_opens_for_an_admin_key_and_sends_anyone_else_to_sign_in()
    {
        await using (var admin = await app.OpenAsync(apiKey: DashboardAppFixture.AdminKey))
        {
            await admin.GoToAsync("admin");
            await Expect(admin.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Admin", Level = 1 })).ToBeVisibleAsync();
            await admin.WaitUntilInteractiveAsync();
            await Expect(admin.Page.Locator("[data-action='retrain-forecast']")).ToBeVisibleAsync();
        }

        await using var anonymous = await app.OpenAsync();
        await anonymous.GoToAsync("admin");
        await Expect(anonymous.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fadmin"));
        await Expect(anonymous.Page.Locator("[data-action='retrain-forecast']")).ToHaveCountAsync(0);
    }

    async Task<int> ServedVersionAsync()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var json = JsonDocument.Parse(await client.GetStringAsync("/predict/page-visits"));
        return json.RootElement.GetProperty("modelVersion").GetInt32();
    }
}
