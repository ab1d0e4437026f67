using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Tests.Capture;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Live;

public class RefreshEndpointTests
{
    [Fact]
    public async Task Captured_events_are_in_the_funnel_after_an_admin_refresh_which_needs_the_admin_key()
    {
        // No polling during the test: only the endpoint can bring the new events in.
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Analytics:RefreshInterval"] = "01:00:00" });
        var client = await app.ReadyClientAsync();
        var before = await client.GetFromJsonAsync<JsonElement>("/funnel/analysis");
        var homeBefore = before.GetProperty("steps")[0].GetProperty("users").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Json(Body("refresh-1", users: 3)))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/analytics/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/analytics/refresh", null)).StatusCode);
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var refreshed = await admin.PostAsync("/analytics/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var counts = await app.CountsAsync();
        Assert.Equal(counts.PageVisits, (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventCount").GetInt64());
        var after = await client.GetFromJsonAsync<JsonElement>("/funnel/analysis");
        Assert.Equal(homeBefore + 3, after.GetProperty("steps")[0].GetProperty("users").GetInt64());
    }
}
