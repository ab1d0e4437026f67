using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Support;

/// <summary>
/// The real app, in-process, on its own SQLite file and model directory (or the settings given), seeded on first start
/// from a small generated dataset so tests stay quick; no background training unless a test turns it on. Dispose
/// deletes its files.
/// </summary>
public class FunnelAppFactory : WebApplicationFactory<Program>
{
    public const int SeedUsers = 3_000;
    public string Folder { get; } = TestPaths.NewTempFolder();
    readonly Dictionary<string, string?> settings;

    readonly Action<IServiceCollection>? testServices;

    public FunnelAppFactory(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null)
    {
        this.testServices = testServices;
        overrides ??= new Dictionary<string, string?>();
        // A small dataset of its own, unless the test names the seed folder.
        if (!overrides.TryGetValue("Seeding:Folder", out var seed) || seed is null)
        {
            seed = Path.Combine(Folder, "seed");
            DatasetGenerator.Generate(seed, SeedUsers, seed: 11);
        }
        SeedFolder = seed;
        settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(Folder, "funnel.db"),
            ["Seeding:Folder"] = seed,
            ["Seeding:RetryDelay"] = "00:00:01",
            // Tests check the dataset's own dates (2015); the demo's shift to today is for people.
            ["Seeding:ShiftToToday"] = "false",
            ["Forecasting:ModelDirectory"] = Path.Combine(Folder, "models"),
            ["Forecasting:TrainOnStart"] = "false",
            ["SimilarUsers:ModelDirectory"] = Path.Combine(Folder, "models"),
            ["SimilarUsers:TrainOnStart"] = "false",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
    }

    public string SeedFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (testServices is not null) builder.ConfigureTestServices(testServices);
    }

    public IFunnelAnalytics Analytics => Services.GetRequiredService<IFunnelAnalytics>();

    /// <summary>Waits for first-start seeding and the first snapshot; fails with the app's own status message if it does not come.</summary>
    public async Task WaitForStateAsync(AnalyticsState state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (Analytics.Current.State != state)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The app stayed {Analytics.Current.State} ({Analytics.Current.StatusMessage}), expected {state}.");
            await Task.Delay(50);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* a file still open at shutdown: temp space, not worth failing a test */ }
    }
}
