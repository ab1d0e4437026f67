using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app on a small generated dataset in a SQLite file the test can also write to, polled every 200 ms.</summary>
public sealed class LiveAppFixture : DashboardAppFixture
{
    public string DatabasePath { get; } = Path.Combine(TestPaths.NewTempFolder(), "funnel.db");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:SqlitePath"] = DatabasePath,
        ["Analytics:RefreshInterval"] = "00:00:00.200",
        ["Live:MinUpdateInterval"] = "00:00:00.200",
    };
}

public sealed class LiveBrowserTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    [Fact]
    public async Task Overview_and_funnel_follow_events_another_process_stores_without_a_reload()
    {
        await using var overview = await app.OpenAsync();
        await overview.GoToAsync("/");
        await using var funnel = await app.OpenAsync();
        await funnel.GoToAsync("/funnel?device=Mobile");
        var users = overview.Page.Locator("[data-kpi='Users'] [data-kpi-value]");
        var before = await users.InnerTextAsync();
        var mobileBefore = await HomeUsersAsync(funnel);

        // Three new mobile users reach home, the way a CLI import or another instance would store them.
        var now = DateTime.UtcNow;
        var newUsers = Enumerable.Range(1, 3).Select(i => new User(800_000_000 + i, DateOnly.FromDateTime(now), Device.Mobile, Sex.Male)).ToList();
        await new SqliteEventStore(app.DatabasePath).ImportAsync(new ImportBatch("live-browser", "test", newUsers,
            newUsers.Select(u => new Session(u.Id * 8, u.Id, now, now, false)).ToList(),
            newUsers.Select(u => new PageVisit(0, u.Id, u.Id * 8, FunnelPage.Home, now, 10)).ToList(), []));

        var expected = (long.Parse(before.Replace(",", "")) + 3).ToString("N0");
        await Microsoft.Playwright.Assertions.Expect(users).ToHaveTextAsync(expected, new() { Timeout = 15_000 });
        await WaitForAsync(async () => await HomeUsersAsync(funnel) == mobileBefore + 3);
        Assert.Empty(overview.ConsoleErrors);
        Assert.Empty(funnel.ConsoleErrors);
    }

    /// <summary>Users at the first step in the Funnel page's steps table.</summary>
    static async Task<long> HomeUsersAsync(DashboardPage page)
    {
        var cell = page.Page.Locator("table tbody tr").First.Locator("td").Nth(1);
        return long.Parse((await cell.InnerTextAsync()).Replace(",", ""));
    }

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The page did not update within 15 s.");
            await Task.Delay(100);
        }
    }
}
