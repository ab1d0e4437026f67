using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Forecasting;
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
/// quick network. Two instances on the same folder see the same store and models, like a restarted app.
/// </summary>
public sealed class ForecastApp(string dataset, string folder, bool trainOnStart)
    : FunnelAppFactory(Settings(dataset, folder, trainOnStart))
{
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

    /// <summary>Trains every series through the service, as the start-up training would.</summary>
    public async Task TrainAsync()
    {
        await WaitForDataAsync();
        await (Forecasts.TryStartTraining() ?? throw new InvalidOperationException("A training run was already under way."));
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
