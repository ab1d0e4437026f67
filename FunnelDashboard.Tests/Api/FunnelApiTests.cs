using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Api;

/// <summary>One app, seeded once, shared by the API tests.</summary>
public sealed class SeededApp : FunnelAppFactory, IAsyncLifetime
{
    public Task InitializeAsync() => WaitForStateAsync(AnalyticsState.Ready);
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public class FunnelApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    readonly HttpClient client = app.CreateClient();
    Dataset Seed => DatasetReader.Read(app.SeedFolder);

    static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Funnel_analysis_counts_the_seeded_users_per_step()
    {
        var response = await client.GetAsync("/funnel/analysis");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var steps = (await Json(response)).GetProperty("steps").EnumerateArray().ToList();

        Assert.Equal(["home", "search", "payment", "confirmation"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(Names.AllPages.Select(p => (long)Seed.UsersReaching(p)), steps.Select(s => s.GetProperty("users").GetInt64()));
        Assert.Equal(1.0, steps[0].GetProperty("conversionFromStart").GetDouble());
        Assert.True(steps[0].GetProperty("medianSecondsToNext").GetDouble() > 0);
    }

    [Fact]
    public async Task Breakdown_by_device_lists_groups_that_sum_to_the_total()
    {
        var json = await Json(await client.GetAsync("/funnel/analysis?breakdown=device&sex=Female&from=2015-02-01&to=2015-03-31"));
        var totals = json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("users").GetInt64()).ToArray();
        var groups = json.GetProperty("groups").EnumerateArray().ToList();

        Assert.Equal(["Desktop", "Mobile"], groups.Select(g => g.GetProperty("value").GetString()));
        var sums = Enumerable.Range(0, 4).Select(k => groups.Sum(g => g.GetProperty("steps")[k].GetProperty("users").GetInt64()));
        Assert.Equal(totals, sums);
        var expectedHome = Seed.Users.Count(u => u.User.Sex == Sex.Female && u.User.FirstVisit >= new DateOnly(2015, 2, 1) && u.User.FirstVisit <= new DateOnly(2015, 3, 31));
        Assert.InRange(totals[0], expectedHome, expectedHome + expectedHome / 5); // plus returning visitors from January
    }

    [Fact]
    public async Task Dropoff_lists_losses_between_steps_and_the_largest()
    {
        var json = await Json(await client.GetAsync("/funnel/dropoff?device=Mobile"));
        var dropOffs = json.GetProperty("dropOffs").EnumerateArray().ToList();
        var mobile = Seed.Users.Where(u => u.User.Device == Device.Mobile).ToList();

        Assert.Equal(3, dropOffs.Count);
        Assert.Equal("home", dropOffs[0].GetProperty("from").GetString());
        Assert.Equal(mobile.Count(u => u.PagesReached == 1), dropOffs[0].GetProperty("usersLost").GetInt64());
        Assert.Equal(dropOffs.Max(d => d.GetProperty("usersLost").GetInt64()), json.GetProperty("largest").GetProperty("usersLost").GetInt64());
    }

    [Fact]
    public async Task Dashboard_metrics_report_users_sessions_and_conversion_by_device()
    {
        var json = await Json(await client.GetAsync("/dashboard/metrics"));
        var seed = Seed;

        Assert.Equal(seed.Users.Count, json.GetProperty("users").GetInt64());
        Assert.True(json.GetProperty("sessions").GetInt64() > seed.Users.Count);
        Assert.Equal((double)seed.UsersReaching(FunnelPage.Confirmation) / seed.Users.Count, json.GetProperty("overallConversion").GetDouble(), 9);
        var mobile = seed.Users.Where(u => u.User.Device == Device.Mobile).ToList();
        Assert.Equal((double)mobile.Count(u => u.PagesReached == 4) / mobile.Count, json.GetProperty("conversionByDevice").GetProperty("Mobile").GetDouble(), 9);
    }

    [Theory]
    [InlineData("/funnel/analysis?from=2015-02-31", "from")]
    [InlineData("/funnel/analysis?device=Tablet", "device")]
    [InlineData("/funnel/analysis?breakdown=page", "breakdown")]
    [InlineData("/funnel/analysis?window=-1", "window")]
    [InlineData("/funnel/analysis?steps=home,cart", "steps")]
    [InlineData("/funnel/dropoff?sex=unknown", "sex")]
    [InlineData("/dashboard/metrics?from=2015-03-01&to=2015-01-01", "to")]
    [InlineData("/funnel/analysis?breakdown=-1", "breakdown")]
    [InlineData("/funnel/analysis?breakdown=device,sex", "breakdown")]
    [InlineData("/funnel/analysis?breakdown=%201", "breakdown")]
    [InlineData("/funnel/analysis?breakdown=1", "breakdown")]
    [InlineData("/funnel/dropoff?device=Mobile,Desktop", "device")]
    [InlineData("/dashboard/metrics?sex=%20Male", "sex")]
    public async Task Invalid_parameters_give_400_problem_details_naming_them(string url, string parameter)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors name '{parameter}': {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task Several_bad_parameters_are_all_named_in_one_answer()
    {
        var response = await client.GetAsync("/funnel/analysis?from=2015-02-31&device=Tablet&breakdown=-1&window=0&steps=home");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal(["breakdown", "device", "from", "steps", "window"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("/funnel/analysis")]
    [InlineData("/funnel/dropoff")]
    [InlineData("/dashboard/metrics")]
    public async Task The_extreme_valid_dates_include_every_visit(string path)
    {
        var unfiltered = (await Json(await client.GetAsync(path))).ToString();

        var response = await client.GetAsync($"{path}?from=0001-01-01&to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(unfiltered, (await Json(response)).ToString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/funnel")]
    [InlineData("/funnel/analysis")]
    [InlineData("/funnel/dropoff")]
    [InlineData("/dashboard/metrics")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/model/info")]
    [InlineData("/predict/page-visits")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        var get = await client.GetAsync(path);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/?from=0001-01-01&to=0001-01-03")]
    [InlineData("/?from=9999-12-29&to=9999-12-31")]
    [InlineData("/?from=2015-01-02&to=9999-12-31")]
    [InlineData("/funnel?from=0001-01-01&to=9999-12-31&breakdown=sex")]
    public async Task Pages_with_the_extreme_valid_dates_render_without_an_error(string url)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("data-state=\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_of_an_unknown_path_is_404()
    {
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_store_and_analytics()
    {
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.GetProperty("services").GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("ready", json.GetProperty("analytics").GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_api_is_documented_by_openapi_with_a_browsable_ui()
    {
        var document = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/funnel/analysis", "/funnel/dropoff", "/dashboard/metrics", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is documented");

        var ui = await client.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_home_page_renders()
    {
        var html = await client.GetStringAsync("/");
        Assert.Contains("FunnelDashboard", html);
        Assert.Contains("_framework/blazor.web.js", html);
        var script = await client.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
