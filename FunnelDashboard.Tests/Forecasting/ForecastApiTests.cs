using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Forecasting;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Forecasting;

public sealed class ForecastApiTests(GeneratedDataset dataset) : IClassFixture<GeneratedDataset>, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    ForecastApp App(bool trainOnStart = false) => new(dataset.Folder, folder, trainOnStart);

    [Fact]
    public async Task Before_a_model_exists_every_endpoint_answers_503_with_retry_after()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.WaitForDataAsync();

        var responses = new[]
        {
            await client.GetAsync("/predict/page-visits?days_ahead=7"),
            await client.GetAsync("/model/info"),
            await client.PostAsJsonAsync("/predict", new { days_ahead = 7, metric = "page_visits" }),
            await client.PostAsJsonAsync("/predict/multiple", new { metrics = new[] { "page_visits" }, days_ahead = 7 }),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            using var problem = await ReadJson(response);
            Assert.Contains("train", problem.RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task After_training_the_total_is_forecast_for_the_7_days_after_the_data()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.TrainAsync();

        var response = await client.GetAsync("/predict/page-visits?days_ahead=7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJson(response);
        var root = json.RootElement;
        Assert.Equal("total", root.GetProperty("series").GetString());
        Assert.Equal(1, root.GetProperty("modelVersion").GetInt32());
        var predictions = root.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 7).Select(d => app.DataRange.To.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            predictions.Select(p => p.GetProperty("date").GetString()));
        Assert.All(predictions, p => Assert.True(p.GetProperty("value").GetDouble() >= 0));
        Assert.True(root.GetProperty("metrics").GetProperty("lstm").GetProperty("rmse").GetDouble() >= 0);
    }

    [Fact]
    public async Task Every_forecast_answer_bounds_each_day_with_nested_80_and_95_percent_intervals()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.TrainAsync();

        using var get = await ReadJson(await client.GetAsync("/predict/page-visits?days_ahead=7&page=search"));
        using var post = await ReadJson(await client.PostAsJsonAsync("/predict", new { days_ahead = 5, metric = "page_visits" }));
        using var multiple = await ReadJson(await client.PostAsJsonAsync("/predict/multiple", new { metrics = new[] { "page_visits" }, days_ahead = 2 }));

        var days = get.RootElement.GetProperty("predictions").EnumerateArray()
            .Concat(post.RootElement.GetProperty("predictions").EnumerateArray())
            .Concat(multiple.RootElement.GetProperty("predictions").GetProperty("page_visits").GetProperty("predictions").EnumerateArray())
            .ToList();
        Assert.Equal(14, days.Count);
        foreach (var day in days)
        {
            double Field(string name) => day.GetProperty(name).GetDouble();
            Assert.True(Field("lower95") <= Field("lower80") && Field("lower80") <= Field("value") && Field("value") <= Field("upper80")
                        && Field("upper80") <= Field("upper95") && Field("lower95") < Field("upper95"), day.ToString());
        }
        // The API's numbers are the served model's, rounded to a tenth of a visit.
        var expected = app.Forecasts.Models["search"].Model.Forecast(app.Forecasts.Actuals["search"])[0];
        Assert.Equal(Math.Round(expected.Upper95, 1), days[0].GetProperty("upper95").GetDouble());
    }

    [Fact]
    public async Task Model_info_shows_version_1_of_every_series_with_metrics_next_to_the_baselines()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.TrainAsync();

        using var json = await ReadJson(await client.GetAsync("/model/info"));

        Assert.Equal("ready", json.RootElement.GetProperty("status").GetProperty("state").GetString());
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(VisitSeries.Keys, models.Select(m => m.GetProperty("series").GetString()));
        foreach (var model in models)
        {
            Assert.Equal(1, model.GetProperty("version").GetInt32());
            Assert.Equal("2015-01-01", model.GetProperty("dataStart").GetString());
            Assert.Equal(app.DataRange.To, DateOnly.Parse(model.GetProperty("dataEnd").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(3, model.GetProperty("hyperParameters").GetProperty("maxEpochs").GetInt32());
            Assert.Equal(["lstm", "naive", "seasonal_naive"], model.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
            Assert.Empty(model.GetProperty("olderVersions").EnumerateArray());
            Assert.Equal(0, model.GetProperty("missingDays").GetInt32());
            Assert.InRange(model.GetProperty("coverage").GetProperty("interval95").GetDouble(), 0, 1);
            var log = model.GetProperty("trainingLog").EnumerateArray().ToList();
            Assert.Equal(model.GetProperty("epochs").GetInt32(), log.Count);
            Assert.Equal([1, 2, 3], log.Select(e => e.GetProperty("epoch").GetInt32()).Take(3));
            Assert.All(log, e => Assert.True(e.GetProperty("trainingLoss").GetDouble() >= 0 && e.GetProperty("validationLoss").GetDouble() >= 0
                                             && e.GetProperty("learningRate").GetDouble() > 0));
        }
    }

    [Fact]
    public async Task Posted_requests_forecast_a_page_and_several_metrics()
    {
        await using var app = App();
        using var client = app.CreateClient();
        await app.TrainAsync();

        using var single = await ReadJson(await client.PostAsJsonAsync("/predict", new { days_ahead = 3, metric = "page_visits", page = "home" }));
        using var multiple = await ReadJson(await client.PostAsJsonAsync("/predict/multiple", new { metrics = new[] { "page_visits" }, days_ahead = 2 }));

        Assert.Equal("home", single.RootElement.GetProperty("series").GetString());
        Assert.Equal(3, single.RootElement.GetProperty("predictions").GetArrayLength());
        var pageVisits = multiple.RootElement.GetProperty("predictions").GetProperty("page_visits");
        Assert.Equal("total", pageVisits.GetProperty("series").GetString());
        Assert.Equal(2, pageVisits.GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Training_reports_its_progress_through_status_and_Changed()
    {
        await using var app = App();
        await app.WaitForDataAsync();
        var seen = new List<ForecastStatus>();
        app.Forecasts.Changed += () => { lock (seen) seen.Add(app.Forecasts.Status); };

        await app.TrainAsync();

        var training = seen.Where(s => s.State == ForecastState.Training).ToList();
        Assert.True(training.Count >= 5 * 3, $"{training.Count} training updates"); // every epoch of every series
        Assert.Equal(training.Select(s => s.Progress).Order(), training.Select(s => s.Progress));
        Assert.Contains(training, s => s.Message!.Contains("confirmation (5 of 5), epoch 3"));
        Assert.Equal(new ForecastStatus(ForecastState.Ready, null, 1), seen[^1]);
    }

    [Fact]
    public async Task A_failed_training_is_explained_by_the_503()
    {
        var noDataset = Path.Combine(folder, "no-dataset"); // a seed folder that does not exist: the app starts empty
        await using var app = new ForecastApp(noDataset, folder, trainOnStart: false);
        using var client = app.CreateClient();
        var analytics = app.Services.GetRequiredService<FunnelAnalytics>();
        await Eventually.True(() => Task.FromResult(analytics.Current.State == AnalyticsState.Empty), "an empty store");

        var job = await app.RetrainAsync();
        var response = await client.GetAsync("/predict/page-visits");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = await ReadJson(response);
        Assert.Equal("Forecast training failed: There is no data to train on: import a dataset first.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("failed", problem.RootElement.GetProperty("state").GetString());
        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("There is no data to train on: import a dataset first.", job.Log[^1]);
    }

    [Fact]
    public async Task A_new_installation_trains_on_start_without_being_asked()
    {
        await using var app = App(trainOnStart: true);
        using var client = app.CreateClient();

        await Eventually.True(async () => (await client.GetAsync("/predict/page-visits?page=search")).StatusCode == HttpStatusCode.OK,
            "the forecast trained at start-up");
    }

    [Fact]
    public async Task A_restarted_app_serves_the_stored_models_without_retraining()
    {
        await using (var first = App())
            await first.TrainAsync();

        await using var restarted = App(trainOnStart: true);
        using var client = restarted.CreateClient();
        await restarted.WaitForDataAsync();
        var response = await client.GetAsync("/predict/page-visits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJson(response);
        Assert.Equal(1, json.RootElement.GetProperty("modelVersion").GetInt32());
        Assert.Equal(ForecastState.Ready, restarted.Forecasts.Status.State);
        Assert.Equal(["v000001"], Directory.GetDirectories(Path.Combine(restarted.ModelDirectory, "total")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("/predict/page-visits?days_ahead=0", "days_ahead")]
    [InlineData("/predict/page-visits?days_ahead=8", "days_ahead")]
    [InlineData("/predict/page-visits?days_ahead=abc", "days_ahead")]
    [InlineData("/predict/page-visits?page=checkout", "page")]
    [InlineData("/predict/page-visits?metric=bounce_rate", "metric")]
    public async Task Bad_query_parameters_give_400_naming_the_parameter(string url, string field)
    {
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.GetAsync(url);

        await AssertValidationProblem(response, field);
    }

    [Theory]
    [InlineData("/predict", """{"days_ahead": 8, "metric": "page_visits"}""", "days_ahead")]
    [InlineData("/predict", """{"days_ahead": "abc"}""", "days_ahead")]
    [InlineData("/predict", """{"days_ahead": 7, "metric": "revenue"}""", "metric")]
    [InlineData("/predict", """{"days_ahead": 7, "page": "cart"}""", "page")]
    [InlineData("/predict", """{"days_ahead": 7,""", "body")]
    [InlineData("/predict", "", "body")]
    [InlineData("/predict/multiple", """{"metrics": ["page_visits", "revenue"], "days_ahead": 7}""", "metrics")]
    [InlineData("/predict/multiple", """{"metrics": [], "days_ahead": 7}""", "metrics")]
    [InlineData("/predict/multiple", """{"metrics": "page_visits"}""", "metrics")]
    [InlineData("/predict/multiple", "not json", "body")]
    public async Task Bad_bodies_give_400_naming_the_field(string url, string body, string field)
    {
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertValidationProblem(response, field);
    }

    [Fact]
    public async Task Days_ahead_out_of_range_says_the_model_forecasts_7_days()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var message = await AssertValidationProblem(await client.GetAsync("/predict/page-visits?days_ahead=14"), "days_ahead");

        Assert.Contains("from 1 to 7: the model forecasts 7 days", message);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_forecast_endpoints_under_their_tag()
    {
        await using var app = App();
        using var client = app.CreateClient();

        using var document = await ReadJson(await client.GetAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/predict/page-visits", "get"), ("/model/info", "get"), ("/predict", "post"), ("/predict/multiple", "post") })
            Assert.Equal("Forecast", paths.GetProperty(path).GetProperty(method).GetProperty("tags")[0].GetString());
        Assert.True(paths.GetProperty("/predict").GetProperty("post").TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task A_large_body_is_refused()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var response = await client.PostAsync("/predict", new StringContent($$"""{"metric": "{{new string('x', 10_000)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    static async Task<string> AssertValidationProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await ReadJson(response);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        return errors.GetProperty(field)[0].GetString()!;
    }

    static async Task<JsonDocument> ReadJson(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
