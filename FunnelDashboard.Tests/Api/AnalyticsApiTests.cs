using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;

namespace FunnelDashboard.Tests.Api;

public class AnalyticsApiTests(SeededApp app) : IClassFixture<SeededApp>
{
    readonly HttpClient client = app.CreateClient();
    Dataset Seed => DatasetReader.Read(app.SeedFolder);

    async Task<JsonElement> Get(string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static List<JsonElement> Items(JsonElement json, string name) => json.GetProperty(name).EnumerateArray().ToList();

    [Fact]
    public async Task Conversion_trends_count_every_funnel_entrant_once_with_intervals_around_the_rate()
    {
        var json = await Get("/analytics/conversion-trends?granularity=week&breakdown=device");
        var periods = Items(json, "periods");

        Assert.Equal(Seed.Users.Count, periods.Sum(p => p.GetProperty("users").GetInt64()));
        Assert.Equal(Seed.UsersReaching(FunnelPage.Confirmation), periods.Sum(p => p.GetProperty("conversions").GetInt64()));
        Assert.All(periods, p =>
        {
            Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(p.GetProperty("start").GetString()!).DayOfWeek);
            Assert.InRange(p.GetProperty("rate").GetDouble(), p.GetProperty("lower").GetDouble(), p.GetProperty("upper").GetDouble());
        });
        var groups = Items(json, "groups");
        Assert.Equal(["Desktop", "Mobile"], groups.Select(g => g.GetProperty("value").GetString()));
        Assert.Equal(Seed.Users.Count(u => u.User.Device == Device.Mobile), Items(groups[1], "periods").Sum(p => p.GetProperty("users").GetInt64()));
    }

    [Fact]
    public async Task User_journeys_list_top_paths_and_flows_with_exits()
    {
        var json = await Get("/analytics/user-journey?limit=3&max_length=3");
        var paths = Items(json, "paths");

        Assert.Equal(3, paths.Count);
        Assert.All(paths, p => Assert.InRange(p.GetProperty("pages").GetArrayLength(), 1, 3));
        Assert.True(paths[0].GetProperty("users").GetInt64() >= paths[1].GetProperty("users").GetInt64());
        Assert.Equal("home", paths[0].GetProperty("pages")[0].GetString());
        Assert.InRange(paths[0].GetProperty("share").GetDouble(), 0.01, 1);
        var flows = Items(json, "flows");
        var homeToSearch = flows.Single(f => f.GetProperty("from").GetString() == "home" && f.GetProperty("to").GetString() == "search");
        Assert.Equal(Seed.UsersReaching(FunnelPage.Search), homeToSearch.GetProperty("users").GetInt64());
        Assert.Contains(flows, f => f.GetProperty("to").GetString() == "exit");
    }

    [Fact]
    public async Task Cohorts_hold_every_user_once_and_start_fully_retained()
    {
        var cohorts = Items(await Get("/analytics/cohort?period=month"), "cohorts");

        Assert.Equal(Seed.Users.Count, cohorts.Sum(c => c.GetProperty("size").GetInt64()));
        Assert.All(cohorts, c => Assert.Equal(1.0, c.GetProperty("retention")[0].GetDouble()));
        Assert.Equal(cohorts[0].GetProperty("retention").GetArrayLength(), cohorts[0].GetProperty("conversion").GetArrayLength());
        Assert.All(cohorts, c => Assert.Equal(1, DateOnly.Parse(c.GetProperty("start").GetString()!).Day));
    }

    [Fact]
    public async Task Sentiment_of_one_page_has_patterns_a_score_its_confidence_and_a_trend()
    {
        var json = await Get("/sentiment/analysis?page=payment");
        var page = Assert.Single(Items(json, "pages"));

        Assert.Equal("payment", page.GetProperty("page").GetString());
        var (frustrated, engaged, satisfied) = (page.GetProperty("frustrated").GetInt64(), page.GetProperty("engaged").GetInt64(), page.GetProperty("satisfied").GetInt64());
        var total = frustrated + engaged + satisfied;
        Assert.True(satisfied > 0, "converting visitors submit the payment form");
        Assert.Equal((double)(engaged + satisfied - frustrated) / total, page.GetProperty("score").GetDouble(), 9);
        Assert.Equal(total / (total + 10.0), page.GetProperty("confidence").GetDouble(), 9);
        Assert.NotEmpty(Items(json, "trend"));
        Assert.Equal(4, Items(await Get("/sentiment/analysis"), "pages").Count);
    }

    [Fact]
    public async Task A_users_story_has_sessions_visits_and_interactions_and_an_unknown_user_is_404()
    {
        var user = Seed.Users.First(u => u.PagesReached == 4).User;
        var json = await Get($"/users/{user.Id}/behavior");

        Assert.Equal(user.Id, json.GetProperty("user").GetProperty("id").GetInt64());
        Assert.Equal(user.Device.ToString(), json.GetProperty("user").GetProperty("device").GetString());
        var first = Items(json, "sessions")[0];
        Assert.Equal(["home", "search", "payment", "confirmation"], Items(first, "visits").Select(v => v.GetProperty("page").GetString()));
        Assert.NotEmpty(Items(first, "interactions"));
        Assert.Equal("confirmation", json.GetProperty("deepestStep").GetString());
        Assert.True(json.GetProperty("sentiment").TryGetProperty("score", out _));

        var missing = await client.GetAsync("/users/999999999/behavior");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Significance_compares_the_breakdown_groups()
    {
        var json = await Get("/funnel/significance?breakdown=device");
        var groups = Items(json, "groups");

        Assert.Equal(["Desktop", "Mobile"], groups.Select(g => g.GetProperty("value").GetString()));
        var mobile = Seed.Users.Where(u => u.User.Device == Device.Mobile).ToList();
        Assert.Equal(mobile.Count, groups[1].GetProperty("users").GetInt64());
        Assert.Equal(mobile.Count(u => u.PagesReached == 4), groups[1].GetProperty("conversions").GetInt64());
        Assert.InRange(json.GetProperty("pValue").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Time_to_convert_bins_every_converter()
    {
        var json = await Get("/funnel/time-to-convert");
        var converters = Seed.UsersReaching(FunnelPage.Confirmation);

        Assert.Equal(("home", "confirmation"), (json.GetProperty("from").GetString(), json.GetProperty("to").GetString()));
        Assert.Equal(converters, json.GetProperty("users").GetInt64());
        Assert.Equal(converters, Items(json, "bins").Sum(b => b.GetProperty("users").GetInt64()));
        Assert.True(json.GetProperty("medianSeconds").GetDouble() > 0);

        var searchToPayment = await Get("/funnel/time-to-convert?from_step=search&to_step=payment");
        Assert.Equal(Seed.UsersReaching(FunnelPage.Payment), searchToPayment.GetProperty("users").GetInt64());
    }

    [Theory]
    [InlineData("/funnel/time-to-convert?from_step=cart", "from_step")]
    [InlineData("/funnel/time-to-convert?from_step=payment&to_step=search", "to_step")]
    [InlineData("/analytics/conversion-trends?granularity=hour", "granularity")]
    [InlineData("/analytics/conversion-trends?breakdown=page", "breakdown")]
    [InlineData("/analytics/conversion-trends?from=2015-02-31", "from")]
    [InlineData("/analytics/user-journey?limit=0", "limit")]
    [InlineData("/analytics/user-journey?max_length=99", "max_length")]
    [InlineData("/analytics/user-journey?device=Tablet", "device")]
    [InlineData("/analytics/cohort?period=day", "period")]
    [InlineData("/sentiment/analysis?page=cart", "page")]
    [InlineData("/sentiment/analysis?sex=x", "sex")]
    [InlineData("/users/abc/behavior", "user_id")]
    [InlineData("/users/1/behavior?to=yesterday", "to")]
    [InlineData("/funnel/significance", "breakdown")]
    [InlineData("/funnel/significance?breakdown=sex&steps=home,cart", "steps")]
    public async Task Invalid_parameters_give_400_problem_details_naming_them(string url, string parameter)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors name '{parameter}': {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task The_analyses_are_documented_with_the_confidence_formula()
    {
        var paths = (await Get("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/analytics/conversion-trends", "/analytics/user-journey", "/analytics/cohort", "/sentiment/analysis", "/users/{user_id}/behavior", "/funnel/significance" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is documented");
        Assert.Contains("n / (n + 10)", paths.GetProperty("/sentiment/analysis").GetProperty("get").GetProperty("summary").GetString());
    }
}
