using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Tests.Live;

public class LiveRefreshTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    string DatabasePath => Path.Combine(folder, "funnel.db");

    static readonly DateTime Now = new(2015, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>What another process (a CLI import, another instance) stores: one new user through the whole funnel,
    /// and a late session for a stored user that only saw home: home and search two hours before that user's first visit.</summary>
    static ImportBatch NewEvents(User homeOnly, DateTime firstVisit)
    {
        var newcomer = new User(900_000_001, DateOnly.FromDateTime(Now), Device.Mobile, Sex.Female);
        var visits = Names.AllPages.Select((page, i) => new PageVisit(0, newcomer.Id, 7_200_000_001, page, Now.AddMinutes(i), 30)).ToList();
        visits.Add(new PageVisit(0, homeOnly.Id, 7_200_000_002, FunnelPage.Home, firstVisit.AddHours(-2), 20));
        visits.Add(new PageVisit(0, homeOnly.Id, 7_200_000_002, FunnelPage.Search, firstVisit.AddHours(-2).AddMinutes(3), 40));
        return new ImportBatch("live-test", "test", [newcomer],
            [new Session(7_200_000_001, newcomer.Id, Now, Now.AddMinutes(4), true),
             new Session(7_200_000_002, homeOnly.Id, firstVisit.AddHours(-2), firstVisit.AddHours(-2).AddMinutes(4), false)],
            visits, []);
    }

    [Fact]
    public async Task A_refresh_grows_the_snapshot_by_what_another_process_stored_and_old_views_stay_as_they_were()
    {
        var store = new SqliteEventStore(DatabasePath);
        await store.InitializeAsync();
        var seed = Path.Combine(folder, "seed");
        DatasetGenerator.Generate(seed, 500, seed: 3);
        await new DatasetImporter(store, NullLogger<DatasetImporter>.Instance).ImportAsync(seed);

        var analytics = new FunnelAnalytics(store, Options.Create(new AnalyticsOptions()), NullLogger<FunnelAnalytics>.Instance);
        var notified = new ConcurrentQueue<long>();
        using var subscription = analytics.Subscribe(() => { notified.Enqueue(analytics.Current.Version); return Task.CompletedTask; }, TimeSpan.Zero);
        var first = await analytics.RefreshAsync();
        var before = first.GetFunnel(FunnelQuery.Default).Steps.Select(s => s.Users).ToArray();
        var beforeActivity = FunnelEngine.Activity(analytics.Snapshot, FunnelFilter.All);

        // A user who reached only home, and when they first came.
        var users = await store.ReadUsersAsync().ToListAsync();
        var visits = await store.ReadPageVisitsAsync().ToListAsync();
        var homeOnly = users.First(u => visits.Where(v => v.UserId == u.Id).All(v => v.Page == FunnelPage.Home));
        var firstVisit = visits.Where(v => v.UserId == homeOnly.Id).Min(v => v.Timestamp);
        await new SqliteEventStore(DatabasePath).ImportAsync(NewEvents(homeOnly, firstVisit));

        var second = await analytics.RefreshAsync();

        Assert.True(second.Version > first.Version);
        Assert.Equal([before[0] + 1, before[1] + 2, before[2] + 1, before[3] + 1], second.GetFunnel(FunnelQuery.Default).Steps.Select(s => s.Users));
        Assert.Equal(before, first.GetFunnel(FunnelQuery.Default).Steps.Select(s => s.Users)); // the old view is unchanged
        Assert.Equal((beforeActivity.Users + 1, beforeActivity.Sessions + 2), FunnelEngine.Activity(analytics.Snapshot, FunnelFilter.All));
        Assert.Equal(Now.AddMinutes(3), second.LastEventTime);
        // Subscribers are called off the refreshing thread: give the call a moment.
        for (var waited = 0; !notified.Contains(second.Version) && waited < 100; waited++) await Task.Delay(50);
        Assert.Contains(second.Version, notified);

        // Nothing new: the same view.
        Assert.Same(second, await analytics.RefreshAsync());
    }

    [Fact]
    public async Task A_store_outage_keeps_the_data_says_so_and_recovers_by_itself()
    {
        var store = new SqliteEventStore(DatabasePath);
        await store.InitializeAsync();
        var seed = Path.Combine(folder, "seed");
        DatasetGenerator.Generate(seed, 200, seed: 4);
        await new DatasetImporter(store, NullLogger<DatasetImporter>.Instance).ImportAsync(seed);
        var analytics = new FunnelAnalytics(store, Options.Create(new AnalyticsOptions()), NullLogger<FunnelAnalytics>.Instance);
        var ready = await analytics.RefreshAsync();

        var moved = DatabasePath + ".away";
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(DatabasePath, moved);
        Directory.CreateDirectory(DatabasePath); // a folder where the file was: opening fails
        var outage = await analytics.RefreshAsync();

        Assert.Equal(AnalyticsState.Unavailable, outage.State);
        Assert.Contains("showing the data up to", outage.StatusMessage);
        Assert.Equal(ready.GetFunnel(FunnelQuery.Default), outage.GetFunnel(FunnelQuery.Default));

        Directory.Delete(DatabasePath);
        File.Move(moved, DatabasePath);
        var recovered = await analytics.RefreshAsync();
        Assert.Equal(AnalyticsState.Ready, recovered.State);
        Assert.Null(recovered.StatusMessage);
    }

    [Fact]
    public async Task The_running_app_shows_rows_another_process_stored_without_a_restart()
    {
        using var app = new FunnelAppFactory(new Dictionary<string, string?> { ["Storage:SqlitePath"] = DatabasePath, ["Analytics:RefreshInterval"] = "00:00:00.200" });
        var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Ready);
        var before = await ConfirmationUsers(client);

        var store = new SqliteEventStore(DatabasePath);
        var users = await store.ReadUsersAsync().ToListAsync();
        var visits = await store.ReadPageVisitsAsync().ToListAsync();
        var homeOnly = users.First(u => visits.Where(v => v.UserId == u.Id).All(v => v.Page == FunnelPage.Home));
        await store.ImportAsync(NewEvents(homeOnly, visits.Where(v => v.UserId == homeOnly.Id).Min(v => v.Timestamp)));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ConfirmationUsers(client) == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "The app did not show the new rows within 20 s.");
            await Task.Delay(100);
        }
        Assert.Equal(before + 1, await ConfirmationUsers(client));
    }

    static async Task<long> ConfirmationUsers(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/funnel/analysis");
        return json.GetProperty("steps")[3].GetProperty("users").GetInt64();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
