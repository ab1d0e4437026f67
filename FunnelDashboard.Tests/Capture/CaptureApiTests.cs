using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static FunnelDashboard.Tests.Capture.CaptureApp;

namespace FunnelDashboard.Tests.Capture;

/// <summary>Hosts the app: one such class at a time, so first-start seeding elsewhere is not starved.</summary>
[Collection(CaptureApp.Collection)]
public class CaptureApiTests
{
    [Fact]
    public async Task A_batch_is_acknowledged_once_stored_and_a_retry_is_stored_once()
    {
        using var app = new CaptureApp();
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();

        var first = await client.PostAsync("/api/events", Json(Body("batch-1", users: 2)));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("batch-1", 6, false), (body.GetProperty("batch_id").GetString(), body.GetProperty("events").GetInt32(), body.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(before with { Users = before.Users + 2, Sessions = before.Sessions + 2, PageVisits = before.PageVisits + 4, Interactions = before.Interactions + 2 },
            await app.CountsAsync());

        var retry = await client.PostAsync("/api/events", Json(Body("batch-1", users: 2)));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.True((await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(before.PageVisits + 4, (await app.CountsAsync()).PageVisits);

        var user = (await app.Services.GetRequiredService<IEventStore>().ReadUsersAsync().ToListAsync()).Single(u => u.Id == 900_000_001);
        Assert.Equal(new User(900_000_001, new DateOnly(2026, 11, 22), Device.Mobile, Sex.Male), user);
    }

    [Fact]
    public async Task Every_bad_event_is_named_by_index_and_field_and_nothing_of_the_batch_is_stored()
    {
        using var app = new CaptureApp();
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();
        const string body = """
            {"batch_id":"bad","events":[
              {"type":"page_visit","user_id":5,"session_id":"a","page":"home","timestamp":"2026-11-22T10:00:00Z","duration":3},
              {"type":"page_visit","user_id":5,"session_id":"a","page":"checkout","timestamp":"2026-11-22T10:00:00Z","duration":3},
              {"type":"interaction","session_id":"a","page":"home","interaction_type":"tap","timestamp":"2026-11-22T10:00:00"}
            ]}
            """;

        var response = await client.PostAsync("/api/events", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["events[1].page", "events[2].interaction_type", "events[2].timestamp", "events[2].user_id"],
            errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("'checkout' is not a page", errors.GetProperty("events[1].page")[0].GetString());
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task Without_a_valid_key_capture_answers_401_and_an_admin_key_may_capture()
    {
        using var app = new CaptureApp();
        var anonymous = await app.ReadyClientAsync(key: null);

        var none = await anonymous.PostAsync("/api/events", Json(Body("k1")));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("X-Api-Key", none.Headers.WwwAuthenticate.ToString());
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json(Body("k1")) };
        wrong.Headers.Add("X-Api-Key", CaptureKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

        var admin = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = Json(Body("k1")) };
        admin.Headers.Add("X-Api-Key", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.SendAsync(admin)).StatusCode);
    }

    [Fact]
    public async Task The_admin_policy_refuses_a_capture_key()
    {
        using var app = new CaptureApp();
        async Task<bool> Allowed(string key, string policy)
        {
            using var scope = app.Services.CreateScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Request.Headers["X-Api-Key"] = key;
            var principal = (await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Principal!;
            return (await app.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, policy)).Succeeded;
        }

        Assert.False(await Allowed(CaptureKey, Policies.Admin));
        Assert.True(await Allowed(AdminKey, Policies.Admin));
        Assert.True(await Allowed(CaptureKey, Policies.Capture));
    }

    [Fact]
    public async Task With_no_keys_configured_capture_answers_403_saying_how_to_enable_it()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["ApiKeys:0:Key"] = "", ["ApiKeys:1:Key"] = "" });
        var client = await app.ReadyClientAsync(CaptureKey);

        var response = await client.PostAsync("/api/events", Json(Body("k1")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("ApiKeys:0:Key", detail);
        Assert.Contains("ApiKeys__0__Role", detail);
    }

    [Fact]
    public async Task Batches_over_10000_events_or_5_MB_answer_413_and_store_nothing()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Capture:EventsPerSecond"] = "0" });
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();

        var tooMany = await client.PostAsync("/api/events", Json(Body("many", users: 3_334))); // 10,002 events
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("10,002 events", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var huge = Body("huge").Replace("\"events\"", $"\"padding\":\"{new string('x', CaptureOptions.MaxBodyBytes)}\",\"events\"");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/api/events", Json(huge))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Json(Body("most", users: 3_333)))).StatusCode);
        // Streamed, with no Content-Length to size the buffer by: the same limits.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/api/events", Streamed(huge))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Streamed(Body("most-streamed", users: 3_333)))).StatusCode);

        Assert.Equal(before.PageVisits + 2 * 6_666, (await app.CountsAsync()).PageVisits);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Capture:EventsPerSecond"] = "10" });
        var client = await app.ReadyClientAsync();

        // The bucket holds one full batch; the next events must wait for it to refill at 10 a second.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Json(Body("burst", users: 3_333)))).StatusCode);
        // 3,000 more events need 300 s of refill: refused however slowly this machine runs the test.
        var limited = await client.PostAsync("/api/events", Json(Body("over", users: 1_000)));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
    }

    [Fact]
    public async Task A_full_queue_gets_429_and_queued_batches_are_still_stored()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Capture:QueueBatches"] = "1" });
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();
        app.Faults.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var committing = client.PostAsync("/api/events", Json(Body("a", firstUser: 1_000_001)));
        Assert.True(await app.Faults.Entered.WaitAsync(TimeSpan.FromSeconds(30)), "the writer took the first batch");
        var queued = client.PostAsync("/api/events", Json(Body("b", firstUser: 1_000_002)));
        await WaitUntil(() => app.Services.GetRequiredService<CapturePipeline>().Queued == 1);
        var refused = await client.PostAsync("/api/events", Json(Body("c", firstUser: 1_000_003)));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        var gate = app.Faults.Gate;
        app.Faults.Gate = null;
        gate.SetResult();
        Assert.Equal(HttpStatusCode.Accepted, (await committing).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await queued).StatusCode);
        Assert.Equal(before.Users + 2, (await app.CountsAsync()).Users);
    }

    [Fact]
    public async Task A_store_outage_gives_503_with_retry_after_and_the_retry_is_stored()
    {
        using var app = new CaptureApp();
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();
        app.Faults.Down = true;

        var failed = await client.PostAsync("/api/events", Json(Body("outage")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("5", failed.Headers.GetValues("Retry-After").Single());
        Assert.Equal(before, await app.CountsAsync());
        app.Faults.Down = false;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/events", Json(Body("outage")))).StatusCode);
        Assert.Equal(before.PageVisits + 2, (await app.CountsAsync()).PageVisits);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !condition(); await Task.Delay(10))
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 30 s");
    }
}
