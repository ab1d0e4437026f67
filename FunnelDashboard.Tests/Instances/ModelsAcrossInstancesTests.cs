using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace FunnelDashboard.Tests.Instances;

/// <summary>
/// Two app instances on one PostgreSQL database and one model directory, told about each other's models over Redis:
/// what one trains, activates or rolls back, the other serves without a restart. Small, quick models.
/// </summary>
public sealed class ModelsAcrossInstancesTests(PostgresDatabase database, GeneratedDataset dataset, ITestOutputHelper output)
    : IClassFixture<PostgresDatabase>, IClassFixture<GeneratedDataset>, IDisposable
{
    const string AdminKey = "test-admin-key-0123456789";
    static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(10);

    readonly string models = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(models, recursive: true);

    Dictionary<string, string?> Settings(string channel, bool trainOnStart) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Seeding:Folder"] = dataset.Folder,
        ["Redis:Configuration"] = TestRedis.Configuration,
        ["Redis:Channel"] = channel,
        ["Forecasting:ModelDirectory"] = models,
        ["Forecasting:TrainOnStart"] = trainOnStart ? "true" : "false",
        ["Forecasting:MaxEpochs"] = "3",
        ["Forecasting:HiddenSize"] = "8",
        ["Forecasting:DenseSize"] = "8",
        ["SimilarUsers:ModelDirectory"] = models,
        ["SimilarUsers:Dimensions"] = "8",
        ["SimilarUsers:Epochs"] = "2",
        ["ApiKeys:0:Key"] = AdminKey,
        ["ApiKeys:0:Role"] = "admin",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Instance A (ready, with an admin client) and then instance B (ready) on the same store, directory and channel.</summary>
    async Task<(FunnelAppFactory A, HttpClient Admin, FunnelAppFactory B, HttpClient Reader)> StartTwoAsync(bool trainOnStart)
    {
        var settings = Settings(TestRedis.NewChannel(), trainOnStart);
        var a = new FunnelAppFactory(settings);
        var admin = a.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        await a.WaitForStateAsync(AnalyticsState.Ready);
        var b = new FunnelAppFactory(settings);
        var reader = b.CreateClient();
        await b.WaitForStateAsync(AnalyticsState.Ready);
        return (a, admin, b, reader);
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>Retrains a model through A's API and waits for its job to succeed.</summary>
    static async Task RetrainAsync(HttpClient admin, string model)
    {
        var response = await admin.PostAsync("/models/retrain", Json($$"""{"model":"{{model}}"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        JsonElement job = default;
        await Eventually.True(async () =>
        {
            job = await ReadJson(await admin.GetAsync(location));
            return job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled";
        }, $"the {model} retraining job to end", timeoutSeconds: 180);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", $"The {model} retraining ended {job}.");
    }

    /// <summary>The version B's forecast of a series comes from, or null while B has none.</summary>
    static async Task<int?> ForecastVersion(HttpClient client, string series = VisitSeries.Total)
    {
        var response = await client.GetAsync(series == VisitSeries.Total ? "/predict/page-visits" : $"/predict/page-visits?page={series}");
        return response.StatusCode == HttpStatusCode.OK ? (await ReadJson(response)).GetProperty("modelVersion").GetInt32() : null;
    }

    /// <summary>Per series what /model/info says: the version served and the other stored ones, e.g. "v2, also 1".</summary>
    static async Task<Dictionary<string, string>> ModelInfo(HttpClient client)
    {
        var response = await client.GetAsync("/model/info");
        if (response.StatusCode != HttpStatusCode.OK) return [];
        return (await ReadJson(response)).GetProperty("models").EnumerateArray().ToDictionary(
            m => m.GetProperty("series").GetString()!,
            m => $"v{m.GetProperty("version").GetInt32()}, also " +
                 string.Join(",", m.GetProperty("olderVersions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Order()));
    }

    /// <summary>Waits (at most <see cref="FollowTimeout"/>) until B shows what A did; returns how long that took.</summary>
    static async Task<long> FollowedAsync(Func<Task<bool>> bShowsIt, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await bShowsIt())
        {
            if (clock.Elapsed > FollowTimeout) throw new TimeoutException($"Instance B did not follow within {FollowTimeout.TotalSeconds} s: {what}.");
            await Task.Delay(10);
        }
        return clock.ElapsedMilliseconds;
    }

    [Fact]
    public async Task Forecast_versions_trained_activated_and_rolled_back_on_one_instance_are_served_by_the_other_without_a_restart()
    {
        var (a, admin, b, reader) = await StartTwoAsync(trainOnStart: true);
        await using (a)
        await using (b)
        {
            // Both were told to train on start; one did, and B serves its models.
            await Eventually.True(async () => (await ModelInfo(reader)).Count == VisitSeries.Keys.Count, "B to serve a model of every series", timeoutSeconds: 180);
            await WhenStartupTrainingHandledAsync(a);
            await WhenStartupTrainingHandledAsync(b);
            var registry = new ForecastModelRegistry(models);
            foreach (var series in VisitSeries.Keys) Assert.Equal(new[] { 1 }, registry.List(series).Select(v => v.Version));
            Assert.All((await ModelInfo(reader)).Values, info => Assert.Equal("v1, also ", info));

            // The same data, settings and seed: an identical model, so v2 does not replace v1; B lists it all the same.
            await RetrainAsync(admin, ForecastModelTrainer.Name);
            var listed = await FollowedAsync(async () => (await ModelInfo(reader))[VisitSeries.Total] == "v1, also 2", "list v2 beside the served v1");
            output.WriteLine($"forecasts retrained on A (v2, not activated): listed by B {listed} ms after the job was seen to end");

            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/models/total/versions/2/activate", null)).StatusCode);
            var forward = await FollowedAsync(async () => await ForecastVersion(reader) == 2, "serve the activated v2");
            Assert.Equal("v2, also 1", (await ModelInfo(reader))[VisitSeries.Total]);
            Assert.Equal(1, await ForecastVersion(reader, "home")); // only the total moved
            output.WriteLine($"v2 activated on A: served by B {forward} ms later");

            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/models/total/versions/1/activate", null)).StatusCode);
            var back = await FollowedAsync(async () => await ForecastVersion(reader) == 1, "roll back to v1");
            Assert.Equal("v1, also 2", (await ModelInfo(reader))[VisitSeries.Total]);
            output.WriteLine($"rolled back to v1 on A: served by B {back} ms later");
        }
    }

    /// <summary>Until the instance's start-up training has been queued (or not: every series had a model) and has ended.</summary>
    static async Task WhenStartupTrainingHandledAsync(FunnelAppFactory app)
    {
        var initializer = app.Services.GetServices<IHostedService>().OfType<ForecastInitializer>().Single();
        await initializer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));
        var jobs = app.Services.GetRequiredService<JobRunner>();
        await Eventually.True(() => Task.FromResult(!jobs.IsPending(Retraining.KindOf(ForecastModelTrainer.Name))), "the start-up training to end", timeoutSeconds: 180);
    }

    [Fact]
    public async Task A_two_tower_model_trained_on_one_instance_is_served_by_the_other_without_a_restart()
    {
        var (a, admin, b, reader) = await StartTwoAsync(trainOnStart: false);
        await using (a)
        await using (b)
        {
            var user = b.Services.GetRequiredService<FunnelAnalytics>().Snapshot.UserIds.First();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync($"/users/similar/{user}")).StatusCode);

            foreach (var version in new[] { 1, 2 })
            {
                await RetrainAsync(admin, "two_tower");
                var followed = await FollowedAsync(async () => await SimilarUsersVersion(reader, user) == version, $"answer from two-tower v{version}");
                output.WriteLine($"two-tower v{version} trained on A: B answered from it {followed} ms after the job was seen to end");
            }
            var similar = (await ReadJson(await reader.GetAsync($"/users/similar/{user}?k=5"))).GetProperty("similar");
            Assert.Equal(5, similar.GetArrayLength());
        }
    }

    static async Task<int?> SimilarUsersVersion(HttpClient client, long user)
    {
        var response = await client.GetAsync($"/users/similar/{user}");
        return response.StatusCode == HttpStatusCode.OK ? (await ReadJson(response)).GetProperty("modelVersion").GetInt32() : null;
    }
}
