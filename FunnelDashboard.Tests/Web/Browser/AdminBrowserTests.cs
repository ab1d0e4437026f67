using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using FunnelDashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
    const string AdminName = "browser-operator";

    /// <summary>A page signed in as the admin person, on <paramref name="path"/>.</summary>
    async Task<DashboardPage> SignedInAsync(string path, string theme = "light")
    {
        await app.AddUserAsync(AdminName, UserRoles.Admin);
        var page = await app.OpenAsync(theme: theme);
        await page.GoToAsync($"login?returnUrl={Uri.EscapeDataString("/" + path)}");
        await page.SignInAsync(AdminName);
        await Expect(page.Page.Locator($"[data-signed-in='{AdminName}']")).ToBeVisibleAsync(); // on the page signing in led to
        await page.WaitUntilInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task An_admin_signs_in_starts_a_retraining_watches_it_progress_then_rolls_the_served_version_back()
    {
        await using var page = await SignedInAsync("admin");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
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
        Assert.Equal(1, await ServedVersionAsync());

        // A second version, from the button again: the same data and settings, no better, so it is kept but v1 still serves.
        await page.Page.Locator("[data-action='retrain-forecast']").ClickAsync();
        await Expect(page.Page.Locator("li[data-job]")).ToHaveCountAsync(2);
        var second = await page.Page.Locator("li[data-job]").First.GetAttributeAsync("data-job");
        Assert.Equal(JobState.Succeeded, (await app.Jobs.WhenFinishedAsync(second!).WaitAsync(TimeSpan.FromMinutes(2))).State);
        var rows = page.Page.Locator("table.fd-registry tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("tr[data-version='1']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page.Locator("tr[data-version='2']")).ToContainTextAsync("Not activated: RMSE");

        // Roll forward to v2, then back to the older v1: the API serves each at once.
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Activate version 2 of total" }).ClickAsync();
        await Expect(page.Page.Locator("tr[data-version='2']")).ToHaveAttributeAsync("data-active", "true");
        Assert.Equal(2, await ServedVersionAsync());
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Activate version 1 of total" }).ClickAsync();
        await Expect(page.Page.Locator("tr[data-version='1']")).ToHaveAttributeAsync("data-active", "true");
        await Expect(page.Page.Locator("tr[data-version='2']")).ToHaveAttributeAsync("data-active", "false");
        Assert.Equal(1, await ServedVersionAsync());
        Assert.Empty(page.ConsoleErrors);

        // With jobs and versions on it, in both themes, with a log open.
        await job.Locator("summary").ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page, "admin with jobs and versions, light");
        await using (var dark = await SignedInAsync("admin?series=home", theme: "dark"))
        {
            await Expect(dark.Page.Locator("table.fd-registry[data-series='home'] tbody tr")).ToHaveCountAsync(2);
            await AccessibilityTests.AssertNoViolationsAsync(dark, "admin with jobs and versions, dark");
        }

        // The audit page names the person for each of these actions.
        await page.GoToAsync("admin/audit");
        ILocator Mine(string action) => page.Page.Locator($"tr[data-audit-action='{action}'][data-audit-outcome='Success']").Filter(new() { HasText = AdminName });
        await Expect(Mine("job.start")).ToHaveCountAsync(2);
        await Expect(Mine("model.activate")).ToHaveCountAsync(2);
        await Expect(Mine("model.activate").First).ToContainTextAsync("total v1"); // newest first
    }

    [Fact]
    public async Task The_admin_page_opens_for_an_admin_key_and_sends_anyone_else_to_sign_in()
    {
        await using (var admin = await app.OpenAsync(apiKey: DashboardAppFixture.AdminKey))
        {
            await admin.GoToAsync("admin");
            await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Admin", Level = 1 })).ToBeVisibleAsync();
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
