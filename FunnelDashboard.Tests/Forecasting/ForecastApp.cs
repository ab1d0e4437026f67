using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Forecasting;

/// <summary>A generated dataset shared by a test class: 3,000 users who arrive, and come back, from January to April 2015.</summary>
public sealed class GeneratedDataset : IDisposable
{
    public string Folder { get; } = TestPaths.NewTempFolder();

    public GeneratedDataset() => DatasetGenerator.Generate(Folder, users: 3000, seed: 1);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// The web app on a SQLite file and model directory in <paramref name="folder"/>, seeded from the dataset, with a tiny,
/// quick network, a capture key and an admin key. Two instances on the same folder see the same store and models, like
/// a restarted app.
/// </summary>
public sealed class ForecastApp(string dataset, string folder, bool trainOnStart,
    IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null)
    : FunnelAppFactory(With(Settings(dataset, folder, trainOnStart), overrides), testServices)
{
    public const string CaptureKey = "test-capture-key-0123456789", AdminKey = "test-admin-key-0123456789";

    static Dictionary<string, string?> With(Dictionary<string, string?> settings, IDictionary<string, string?>? overrides)
    {
        settings["ApiKeys:0:Key"] = CaptureKey;
        settings["ApiKeys:0:Role"] = "capture";
        settings["ApiKeys:1:Key"] = AdminKey;
        settings["ApiKeys:1:Role"] = "admin";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>A client that sends the given API key (none: anonymous).</summary>
    public HttpClient Client(string? key = AdminKey)
    {
        var client = CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static Dictionary<string, string?> Settings(string dataset, string folder, bool trainOnStart) => new()
    {
        ["Storage:SqlitePath"] = Path.Combine(folder, "funnel.db"),
        ["Seeding:Folder"] = dataset,
        ["Forecasting:ModelDirectory"] = Path.Combine(folder, "models"),
        ["Forecasting:TrainOnStart"] = trainOnStart ? "true" : "false",
        ["Forecasting:MaxEpochs"] = "3",
        ["Forecasting:HiddenSize"] = "8",
        ["Forecasting:DenseSize"] = "8",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public string ModelDirectory => Path.Combine(folder, "models");
    public ForecastService Forecasts => Services.GetRequiredService<ForecastService>();
    public DateRange DataRange => Analytics.Current.DataRange!;

    public Task WaitForDataAsync() => WaitForStateAsync(AnalyticsState.Ready);

    public JobRunner Jobs => Services.GetRequiredService<JobRunner>();

    /// <summary>Trains every series through the job runner once the data is loaded, as the start-up training would; returns the ended job.</summary>
    public async Task<JobRecord> TrainAsync(string startedBy = "test")
    {
        await WaitForDataAsync();
        return await RetrainAsync(startedBy);
    }

    /// <summary>Runs the forecast retraining job on whatever data there is; returns the ended job.</summary>
    public async Task<JobRecord> RetrainAsync(string startedBy = "test")
    {
        var job = await Services.GetRequiredService<Retraining>().EnqueueAsync(ForecastModelTrainer.Name, startedBy);
        return await Jobs.WhenFinishedAsync(job.Record.Id).WaitAsync(TimeSpan.FromSeconds(120));
    }
}

public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
