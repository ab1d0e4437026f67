using System.Net;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.SimilarUsers;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.SimilarUsers;

/// <summary>The app on a generated dataset with a small, quick two-tower model; two apps on one folder are a restart.</summary>
public sealed class SimilarUsersApiTests(GeneratedDataset dataset) : IClassFixture<GeneratedDataset>, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    FunnelAppFactory App() => new(new Dictionary<string, string?>
    {
        ["Storage:SqlitePath"] = Path.Combine(folder, "funnel.db"),
        ["Seeding:Folder"] = dataset.Folder,
        ["SimilarUsers:ModelDirectory"] = Path.Combine(folder, "models"),
        ["SimilarUsers:Dimensions"] = "8",
        ["SimilarUsers:Epochs"] = "2",
        ["Logging:LogLevel:Default"] = "Warning",
    });

    static async Task<SimilarUsersService> TrainAsync(FunnelAppFactory app)
    {
        await app.WaitForStateAsync(AnalyticsState.Ready);
        var service = app.Services.GetRequiredService<SimilarUsersService>();
        await (service.TryStartTraining() ?? throw new InvalidOperationException("A run was already under way."));
        return service;
    }

    static long FirstUser(FunnelAppFactory app) => app.Services.GetRequiredService<FunnelAnalytics>().Snapshot.UserIds.First();

    static async Task<JsonDocument> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Before_a_model_exists_both_endpoints_answer_503_with_retry_after()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Ready);

        foreach (var path in new[] { $"/users/similar/{FirstUser(app)}", "/analytics/clusters" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            using var problem = await Json(response);
            Assert.Contains("two_tower", problem.RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Bad_parameters_are_named_in_a_400_and_an_unknown_user_is_404()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await TrainAsync(app);
        var user = FirstUser(app);

        foreach (var (path, parameter) in new[]
                 {
                     ($"/users/similar/{user}?k=0", "k"), ($"/users/similar/{user}?k=abc", "k"), ($"/users/similar/{user}?k=101", "k"),
                     ($"/users/similar/{user}?device=Tablet", "device"), ("/users/similar/abc", "user_id"),
                     ("/analytics/clusters?k=1", "k"), ("/analytics/clusters?k=13", "k"), ("/analytics/clusters?k=x", "k"),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = await Json(response);
            Assert.Equal([parameter], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var unknown = await client.GetAsync("/users/similar/987654321");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var notFound = await Json(unknown);
        Assert.Equal("There is no user 987654321.", notFound.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_nearest_users_come_with_scores_best_first_and_a_device_filter_keeps_one_device()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await TrainAsync(app);
        var user = FirstUser(app);

        using var all = await Json(await client.GetAsync($"/users/similar/{user}?k=5"));
        Assert.Equal(user, all.RootElement.GetProperty("userId").GetInt64());
        var similar = all.RootElement.GetProperty("similar").EnumerateArray().ToList();
        Assert.Equal(5, similar.Count);
        Assert.DoesNotContain(similar, s => s.GetProperty("userId").GetInt64() == user);
        var scores = similar.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(similar, s => Assert.True(s.TryGetProperty("deepestStep", out _) && s.GetProperty("dominantBehavior").GetString()!.Length > 0));

        using var mobile = await Json(await client.GetAsync($"/users/similar/{user}?device=mobile"));
        var mobiles = mobile.RootElement.GetProperty("similar").EnumerateArray().ToList();
        Assert.Equal(SimilarUsersQuery.DefaultK, mobiles.Count);
        Assert.All(mobiles, s => Assert.Equal("Mobile", s.GetProperty("device").GetString()));
    }

    [Fact]
    public async Task Clusters_cover_every_user_once_with_a_profile_each()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await TrainAsync(app);

        using var chosen = await Json(await client.GetAsync("/analytics/clusters"));
        var root = chosen.RootElement;
        Assert.True(root.GetProperty("chosenBySilhouette").GetBoolean());
        int k = root.GetProperty("k").GetInt32();
        Assert.InRange(k, 2, 8);
        var clusters = root.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, k), clusters.Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal(FunnelAppFactory.SeedUsers, clusters.Sum(c => c.GetProperty("size").GetInt32()));
        var sizes = clusters.Select(c => c.GetProperty("size").GetInt32()).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
        foreach (var cluster in clusters)
        {
            Assert.InRange(cluster.GetProperty("conversion").GetDouble(), 0, 1);
            var profile = cluster.GetProperty("profile");
            Assert.Equal(1, profile.GetProperty("deviceMix").EnumerateObject().Sum(d => d.Value.GetDouble()), 3);
            Assert.Equal(1, profile.GetProperty("interactionMix").EnumerateObject().Sum(d => d.Value.GetDouble()), 3);
            Assert.True(profile.GetProperty("sessions").GetDouble() >= 1);
        }

        using var three = await Json(await client.GetAsync("/analytics/clusters?k=3"));
        Assert.Equal((3, false), (three.RootElement.GetProperty("k").GetInt32(), three.RootElement.GetProperty("chosenBySilhouette").GetBoolean()));
        Assert.Equal(3, three.RootElement.GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public async Task A_restarted_app_serves_the_same_answers_from_the_vector_store_without_training()
    {
        string before;
        long user;
        await using (var first = App())
        {
            using var client = first.CreateClient();
            await TrainAsync(first);
            user = FirstUser(first);
            before = await client.GetStringAsync($"/users/similar/{user}?k=4");
        }

        await using var restarted = App();
        using var again = restarted.CreateClient();
        await restarted.WaitForStateAsync(AnalyticsState.Ready);
        var service = restarted.Services.GetRequiredService<SimilarUsersService>();
        await Eventually.True(() => Task.FromResult(service.Current is not null), "the stored model to be served");

        Assert.Equal(before, await again.GetStringAsync($"/users/similar/{user}?k=4"));
        Assert.NotEqual(SimilarUsersState.Training, service.Status.State);
        Assert.Equal([1], new FunnelDashboard.ML.Registry.ModelRegistry(Path.Combine(folder, "models")).Versions(SimilarUsersService.RegistryKey));
    }
}
