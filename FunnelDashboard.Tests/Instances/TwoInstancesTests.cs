using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Tests.Capture;
using FunnelDashboard.Tests.Support;
using Xunit.Abstractions;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Instances;

/// <summary>Two app instances on one PostgreSQL database, told about each other's new events over Redis.</summary>
public class TwoInstancesTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_event_captured_by_one_instance_shows_on_the_other_without_waiting_for_its_poll()
    {
        // Neither instance polls during the test: only the Redis message can make B look.
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Redis:Configuration"] = TestRedis.Configuration,
            ["Redis:Channel"] = TestRedis.NewChannel(),
            ["Analytics:RefreshInterval"] = "01:00:00",
        };
        using var a = new CaptureApp(settings);
        var capture = await a.ReadyClientAsync();
        using var b = new FunnelAppFactory(settings);
        var reader = b.CreateClient();
        await b.WaitForStateAsync(AnalyticsState.Ready);
        var before = await HomeUsers(reader);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await capture.PostAsync("/api/events", Json(Body("two-instances", users: 3)))).StatusCode);
        while (await HomeUsers(reader) != before + 3)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "Instance B did not show A's events within 15 s.");
            await Task.Delay(20);
        }
        output.WriteLine($"captured on A, visible on B after {clock.ElapsedMilliseconds} ms");
    }

    static async Task<long> HomeUsers(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/funnel/analysis")).GetProperty("steps")[0].GetProperty("users").GetInt64();
}
