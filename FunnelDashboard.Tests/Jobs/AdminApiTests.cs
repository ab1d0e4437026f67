using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Tests.Web;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Tests.Jobs;

/// <summary>Retraining, jobs and the registry over HTTP, on the real app with a tiny forecaster.</summary>
public sealed class AdminApiTests(GeneratedDataset dataset) : IClassFixture<GeneratedDataset>, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    ForecastApp App(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null) =>
        new(dataset.Folder, folder, trainOnStart: false, overrides, services);

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    static async Task<int> ServedVersion(HttpClient client)
    {
        var response = await client.GetAsync("/predict/page-visits");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJson(response)).GetProperty("modelVersion").GetInt32();
    }

    [Fact]
    public async Task Retraining_the_two_tower_model_is_a_job_and_its_version_serves_similar_users()
    {
        await using var app = App(new Dictionary<string, string?> { ["SimilarUsers:Dimensions"] = "8", ["SimilarUsers:Epochs"] = "2" });
        await app.WaitForDataAsync();
        using var client = app.Client();
        var user = app.Services.GetRequiredService<FunnelDashboard.Core.Analytics.FunnelAnalytics>().Snapshot.UserIds.First();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync($"/users/similar/{user}?k=3")).StatusCode);

        var response = await client.PostAsync("/models/retrain", Json("""{"model":"two_tower"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement job = default;
        await Eventually.True(async () =>
        {
            job = await ReadJson(await client.GetAsync(response.Headers.Location!.ToString()));
            return job.GetProperty("state").GetString() is "succeeded" or "failed";
        }, "the two-tower job to end");
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Contains(job.GetProperty("log").EnumerateArray(), line => line.GetString()!.Contains("two_tower v1 registered"));
        var similar = await ReadJson(await client.GetAsync($"/users/similar/{user}?k=3"));
        Assert.Equal(3, similar.GetProperty("similar").GetArrayLength());
    }

    [Fact]
    public async Task Retraining_answers_202_with_the_jobs_location_which_reports_it_to_the_end()
    {
        await using var app = App();
        await app.WaitForDataAsync();
        using var client = app.Client();

        var response = await client.PostAsync("/models/retrain", Json("""{"model":"forecast"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/jobs/[0-9a-f]{32}$", location);
        JsonElement job = default;
        await Eventually.True(async () =>
        {
            job = await ReadJson(await client.GetAsync(location));
            return job.GetProperty("state").GetString() is "succeeded" or "failed";
        }, "the retraining job to end");
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        Assert.Equal("retrain-forecast", job.GetProperty("kind").GetString());
        Assert.Equal("ApiKeys:1", job.GetProperty("startedBy").GetString());
        Assert.Contains(job.GetProperty("log").EnumerateArray(), line => line.GetString()!.Contains("Training confirmation (5 of 5)"));
        Assert.Equal(1, await ServedVersion(client));
        var listed = (await ReadJson(await client.GetAsync("/jobs"))).EnumerateArray().ToList();
        Assert.Equal(location, $"/jobs/{listed[0].GetProperty("id").GetString()}");
        var info = (await ReadJson(await client.GetAsync("/model/info"))).GetProperty("models")[0];
        Assert.Equal(("ApiKeys:1", true), (info.GetProperty("createdBy").GetString(), info.GetProperty("active").GetBoolean()));
    }

    [Theory]
    [InlineData("""{"model":"bogus"}""", "model", "Unknown model 'bogus': one of forecast, two_tower, all.")]
    [InlineData("""{}""", "model", "Name the model to retrain: one of forecast, two_tower, all.")]
    [InlineData("""{"model":7}""", "model", "'model' has a value of the wrong type.")]
    [InlineData("""not json""", "body", null)]
    public async Task A_bad_retrain_body_gives_400_naming_the_field(string body, string field, string? message)
    {
        await using var app = App();
        using var client = app.Client();

        var response = await client.PostAsync("/models/retrain", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ReadJson(response)).GetProperty("errors").GetProperty(field)[0].GetString();
        if (message is not null) Assert.Equal(message, error);
        Assert.Empty(app.Jobs.Current);
    }

    [Fact]
    public async Task Activating_an_older_version_rolls_the_served_forecast_back_and_forward()
    {
        await using var app = App();
        using var client = app.Client();
        await app.TrainAsync();
        await app.TrainAsync(); // the same data, settings and seed: an identical model, so it does not replace v1
        Assert.Equal(1, await ServedVersion(client));

        var forward = await client.PostAsync("/models/total/versions/2/activate", null);
        Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        Assert.Equal(2, await ServedVersion(client));
        var back = await client.PostAsync("/models/total/versions/1/activate", null);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(1, await ServedVersion(client));
        Assert.Equal(1, (await ReadJson(await client.GetAsync("/predict/page-visits?page=home"))).GetProperty("modelVersion").GetInt32()); // only total moved

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/models/total/versions/9/activate", null)).StatusCode);
        var unknown = await client.PostAsync("/models/checkout/versions/1/activate", null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("checkout", (await ReadJson(unknown)).GetProperty("errors").GetProperty("series")[0].GetString());

        await using var restarted = App(); // the choice survives a restart
        using var restartedClient = restarted.Client();
        await restarted.WaitForDataAsync();
        Assert.Equal(1, await ServedVersion(restartedClient));
    }

    [Fact]
    public async Task A_version_that_does_not_beat_the_active_one_is_kept_but_not_activated_and_says_why()
    {
        await using var app = App();
        using var client = app.Client();
        await app.TrainAsync();

        var second = await app.TrainAsync();

        Assert.Equal(JobState.Succeeded, second.State);
        var versions = app.Forecasts.Registry.List("total");
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Activated: the first usable version.", versions[0].Decision);
        var held = $"{versions[1].Evaluation.TestStart:yyyy-MM-dd} to {versions[1].Evaluation.TestEnd:yyyy-MM-dd}";
        Assert.Equal($"Not activated: RMSE {versions[1].Evaluation.Lstm.Rmse:F1} does not beat the active v1's {versions[0].Evaluation.Lstm.Rmse:F1} on the held-out days {held}.",
            versions[1].Decision);
        Assert.Equal(1, await ServedVersion(client));
        Assert.Contains(second.Log, line => line.Contains("total v2: Not activated"));
        var info = (await ReadJson(await client.GetAsync("/model/info"))).GetProperty("models")[0];
        var other = info.GetProperty("olderVersions")[0];
        Assert.Equal((2, false), (other.GetProperty("version").GetInt32(), other.GetProperty("active").GetBoolean()));
        Assert.StartsWith("Not activated", other.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_versions_and_never_the_active_one()
    {
        await using var app = App(new Dictionary<string, string?> { ["Forecasting:KeepVersions"] = "2" });
        await app.TrainAsync();
        await app.TrainAsync();
        Assert.Equal([1, 2], app.Forecasts.Registry.List("total").Select(v => v.Version));

        var third = await app.TrainAsync(); // v1 stays active (the newer ones are no better): v2 goes

        Assert.Equal([1, 3], app.Forecasts.Registry.List("total").Select(v => v.Version));
        Assert.Equal(1, app.Forecasts.Registry.Active("total")!.Version);
        Assert.Contains(third.Log, line => line.EndsWith("total: deleted versions 2 (Forecasting:KeepVersions = 2)."));
        Assert.False(Directory.Exists(Path.Combine(app.ModelDirectory, "total", "v000002")));
    }

    [Fact]
    public async Task Cancelling_a_retraining_stops_it_within_a_second_and_the_previous_model_keeps_serving()
    {
        await using (var first = App())
            await first.TrainAsync();
        // A slower network and many epochs: the run is still going when it is cancelled.
        await using var app = App(new Dictionary<string, string?>
        {
            ["Forecasting:MaxEpochs"] = "400", ["Forecasting:HiddenSize"] = "48", ["Forecasting:DenseSize"] = "48",
        });
        using var client = app.Client();
        await app.WaitForDataAsync();
        var location = (await client.PostAsync("/models/retrain", Json("""{"model":"forecast"}"""))).Headers.Location!.ToString();
        await Eventually.True(async () => (await ReadJson(await client.GetAsync(location))).GetProperty("progress").GetDouble() > 0, "the first epoch");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cancel = await client.PostAsync($"{location}/cancel", null);
        var id = location.Split('/')[^1];
        var ended = await app.Jobs.WhenFinishedAsync(id).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal((JobState.Cancelled, "Cancelled by ApiKeys:1."), (ended.State, ended.Message));
        Assert.Equal(1, await ServedVersion(client));
        Assert.Equal([1], app.Forecasts.Registry.List("total").Select(v => v.Version)); // nothing half-trained was stored
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"{location}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task The_daily_schedule_queues_the_retraining_job_when_its_time_comes()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        await using var app = App(new Dictionary<string, string?>
        {
            ["Forecasting:RetrainSchedule:DailyAt"] = "02:00", ["Forecasting:RetrainSchedule:CheckEvery"] = "00:00:00.200",
        }, services => services.AddSingleton<TimeProvider>(clock));
        await app.WaitForDataAsync();
        await Task.Delay(1000);
        Assert.Empty(app.Jobs.Current); // an hour early

        clock.Advance(TimeSpan.FromHours(1));

        await Eventually.True(() => Task.FromResult(app.Jobs.Current.Count > 0), "the scheduled job", timeoutSeconds: 10);
        var job = Assert.Single(app.Jobs.Current).Record;
        Assert.Equal(("retrain-forecast", "schedule"), (job.Kind, job.StartedBy));
        Assert.Equal(JobState.Succeeded, (await app.Jobs.WhenFinishedAsync(job.Id)).State);
        Assert.Equal("schedule", app.Forecasts.Registry.Active("total")!.CreatedBy);
    }

    [Fact]
    public async Task Bad_forecasting_settings_stop_the_app_at_start_naming_the_setting()
    {
        await using var app = App(new Dictionary<string, string?> { ["Forecasting:KeepVersions"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Forecasting:KeepVersions", error.Message);
    }

    [Fact]
    public void The_next_daily_time_is_today_if_still_ahead_otherwise_tomorrow()
    {
        var at = new TimeOnly(2, 30);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero), RetrainScheduler.NextOccurrence(new DateTimeOffset(2026, 12, 1, 2, 29, 0, TimeSpan.Zero), at));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 2, 30, 0, TimeSpan.Zero), RetrainScheduler.NextOccurrence(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero), at));
    }
}
