using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Capture;
using Microsoft.Data.Sqlite;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Live;

public class RefreshEndpointTests
{
    [Fact]
    public async Task Rows_written_by_another_process_are_in_the_funnel_after_an_admin_refresh_which_needs_the_admin_key()
    {
        // No polling during the test: only the endpoint can bring in what another process (a CLI import) stored.
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Analytics:RefreshInterval"] = "01:00:00" });
        var client = await app.ReadyClientAsync();
        var homeBefore = await HomeUsersAsync(client);
        var otherProcess = new SqliteEventStore(Path.Combine(app.Folder, "funnel.db"));
        await otherProcess.CaptureAsync([new CaptureBatch("refresh-1", [.. Enumerable.Range(1, 3).Select(u =>
            new CapturedEvent(900_000_000 + u, $"s-{u}", FunnelPage.Home, new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc)))])]);
        SqliteConnection.ClearAllPools();
        Assert.Equal(homeBefore, await HomeUsersAsync(client));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/analytics/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/analytics/refresh", null)).StatusCode);
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var refreshed = await admin.PostAsync("/analytics/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var counts = await app.CountsAsync();
        Assert.Equal(counts.PageVisits, (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventCount").GetInt64());
        Assert.Equal(homeBefore + 3, await HomeUsersAsync(client));
    }

    [Fact]
    public async Task Captured_events_are_in_the_funnel_right_after_their_commit_without_waiting_for_the_poll()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Analytics:RefreshInterval"] = "01:00:00" });
        var client = await app.ReadyClientAsync();
        var homeBefore = await HomeUsersAsync(client);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Json(Body("live-1", users: 3)))).StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await HomeUsersAsync(client) != homeBefore + 3)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The captured events never reached the funnel.");
            await Task.Delay(20);
        }
    }

    static async Task<long> HomeUsersAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/funnel/analysis")).GetProperty("steps")[0].GetProperty("users").GetInt64();
}
