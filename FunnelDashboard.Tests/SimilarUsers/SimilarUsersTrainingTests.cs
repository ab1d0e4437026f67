using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.ML.Registry;
using FunnelDashboard.Web.SimilarUsers;

namespace FunnelDashboard.Tests.SimilarUsers;

public sealed class SimilarUsersTrainingTests : IDisposable
{
    readonly TrainingHarness harness = new();
    readonly FunnelDashboard.Core.Analytics.EventSnapshot snapshot = TrainingHarness.TwoBehaviours();

    public void Dispose() => harness.Dispose();

    static bool Searcher(long id) => id < 100;

    async Task<SimilarUsersService> TrainedAsync()
    {
        var service = harness.Service(snapshot);
        await (service.TryStartTraining() ?? throw new InvalidOperationException("A run was already under way."));
        return service;
    }

    [Fact]
    public async Task Users_who_behave_alike_are_each_others_nearest_whatever_their_device()
    {
        var service = await TrainedAsync();

        var model = service.Current!;
        foreach (var id in snapshot.UserIds)
        {
            var answer = model.Similar(id, 5, null, snapshot)!;
            Assert.Equal(5, answer.Similar.Count);
            Assert.DoesNotContain(answer.Similar, s => s.UserId == id);
            Assert.All(answer.Similar, s => Assert.Equal(Searcher(id), Searcher(s.UserId)));
            Assert.Equal(answer.Similar.Select(s => s.Score).OrderDescending(), answer.Similar.Select(s => s.Score));
        }
        var searcher = model.Similar(1, 3, Device.Mobile, snapshot)!.Similar;
        Assert.All(searcher, s => Assert.Equal(("Mobile", "search", "click"), (s.Device, s.DeepestStep, s.DominantBehavior)));
        Assert.All(model.Similar(102, 3, null, snapshot)!.Similar, s => Assert.Equal(("home", "scroll"), (s.DeepestStep, s.DominantBehavior)));
        Assert.Null(model.Similar(999, 3, null, snapshot));
    }

    [Fact]
    public async Task Training_registers_a_version_and_stores_user_and_item_embeddings_in_the_vector_store()
    {
        var service = await TrainedAsync();

        var registry = new ModelRegistry(harness.ModelDirectory);
        Assert.Equal([1], registry.Versions(SimilarUsersService.RegistryKey));
        var info = registry.ReadInfo<TwoTowerVersionInfo>(SimilarUsersService.RegistryKey, 1);
        Assert.True(info.IsGood);
        Assert.Equal((16, 28, 48, 8, 60), (info.Users, info.Items, info.Pairs, info.Options.Dimensions, info.EpochLosses.Count));
        Assert.Equal((new DateOnly(2015, 1, 10), new DateOnly(2015, 1, 17)), (info.DataStart, info.DataEnd));
        Assert.NotNull(info.Evaluation);
        Assert.Equal(48 - 48 / 5, info.Evaluation.TrainingPairs);

        var store = harness.Store();
        var users = await store.LoadAsync(VectorCollections.UserBehavior);
        Assert.Equal(snapshot.UserIds, users.Select(u => u.Id));
        Assert.All(users, u => Assert.Equal((8, info.CreatedUnixSeconds), (u.Embedding.Length, u.Timestamp)));
        Assert.Equal(["Desktop", "Mobile"], users.Take(2).Select(u => u.Attribute));
        var items = await store.LoadAsync(VectorCollections.PageInteraction);
        Assert.Equal(28, items.Count);
        Assert.Equal(("search: click", "click"), (items[BehaviorItems.Interaction(FunnelPage.Search, InteractionType.Click)].Key,
            items[BehaviorItems.Interaction(FunnelPage.Search, InteractionType.Click)].Attribute));
        Assert.Equal(users[0].Embedding, service.Current!.Users.Row(0).ToArray());
    }

    [Fact]
    public async Task The_model_file_holds_what_recomputes_the_stored_embeddings()
    {
        await TrainedAsync();
        var registry = new ModelRegistry(harness.ModelDirectory);

        var file = TwoTowerModelFile.Load(registry.FilePath(SimilarUsersService.RegistryKey, 1, SimilarUsersService.ModelFileName));

        Assert.Equal(snapshot.UserIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), file.UserKeys);
        Assert.Equal("home: view", file.ItemKeys[0]);
        var stored = await harness.Store().LoadAsync(VectorCollections.UserBehavior);
        var recomputed = file.Model.UserTower.EmbedAll();
        for (int u = 0; u < stored.Count; u++) Assert.Equal(stored[u].Embedding, recomputed.Row(u).ToArray());
    }

    [Fact]
    public async Task After_a_restart_the_index_is_loaded_from_the_vector_store_without_training()
    {
        var first = await TrainedAsync();
        var before = first.Current!.Similar(3, 4, null, snapshot)!;

        var restarted = harness.Service(snapshot);
        Assert.Null(restarted.Current);
        Assert.True(await restarted.LoadAsync());

        Assert.Equal(SimilarUsersState.Ready, restarted.Status.State);
        Assert.Equal(1, restarted.Current!.Info.Version);
        Assert.Equal(before.Similar, restarted.Current.Similar(3, 4, null, snapshot)!.Similar);
        Assert.Equal([1], new ModelRegistry(harness.ModelDirectory).Versions(SimilarUsersService.RegistryKey));
    }

    [Fact]
    public async Task A_store_without_the_versions_embeddings_gets_them_again_from_the_model_file()
    {
        var first = await TrainedAsync();
        var before = first.Current!.Similar(104, 4, null, snapshot)!;
        var otherStore = harness.Store("other.db");

        var restarted = harness.Service(snapshot, otherStore);
        Assert.True(await restarted.LoadAsync());

        Assert.Equal(before.Similar, restarted.Current!.Similar(104, 4, null, snapshot)!.Similar);
        Assert.Equal(16, (await otherStore.LoadAsync(VectorCollections.UserBehavior)).Count);
    }

    [Fact]
    public async Task Without_a_version_nothing_is_served()
    {
        var service = harness.Service(snapshot);

        Assert.False(await service.LoadAsync());
        Assert.Null(service.Current);
        Assert.Equal(SimilarUsersState.Idle, service.Status.State);
    }

    [Fact]
    public async Task Progress_reports_every_epoch_of_the_evaluation_and_the_final_run_and_the_status_follows()
    {
        var service = harness.Service(snapshot);
        var epochs = new List<TwoTowerEpoch>();
        var states = new List<SimilarUsersState>();
        service.Changed += () => states.Add(service.Status.State);

        await service.TryStartTraining(new Reporter(epochs.Add))!;

        Assert.Equal(Enumerable.Range(1, 60).Concat(Enumerable.Range(1, 60)), epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.True(e.Epochs == 60 && float.IsFinite(e.Loss)));
        Assert.Equal(SimilarUsersState.Training, states[0]);
        Assert.Equal(SimilarUsersState.Ready, states[^1]);
    }

    [Fact]
    public async Task A_second_start_while_training_is_refused_and_cancelling_stops_within_a_second()
    {
        var slow = TrainingHarness.SmallModel(harness.ModelDirectory);
        slow.Epochs = 100_000;
        var service = harness.Service(snapshot, options: slow);
        using var cancel = new CancellationTokenSource();

        var run = service.TryStartTraining(ct: cancel.Token)!;
        Assert.Null(service.TryStartTraining());
        await Task.Delay(200);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(SimilarUsersState.Idle, service.Status.State);
        Assert.Null(service.Current);
        Assert.Empty(new ModelRegistry(harness.ModelDirectory).Versions(SimilarUsersService.RegistryKey));
    }

    [Fact]
    public async Task Clusters_separate_the_two_behaviours_with_their_profiles()
    {
        var service = await TrainedAsync();

        var clusters = service.Current!.Clusters(2, snapshot, service.Options);

        Assert.Equal((2, false), (clusters.K, clusters.ChosenBySilhouette));
        Assert.Equal([1, 2], clusters.Clusters.Select(c => c.Id));
        Assert.All(clusters.Clusters, c => Assert.Equal((8, 0.5, 0.5), (c.Size, c.Share, c.Profile.DeviceMix["Mobile"])));
        var searchers = clusters.Clusters.Single(c => c.Profile.DominantBehavior == "click");
        var bouncers = clusters.Clusters.Single(c => c.Profile.DominantBehavior == "scroll");
        Assert.Equal((1.0, 3.0, 20.0), (searchers.Profile.Sessions, searchers.Profile.Interactions, searchers.Profile.SecondsPerVisit));
        Assert.Equal(1.0, searchers.Profile.InteractionMix["click"], 3);
        Assert.Equal(2.0 / 3, bouncers.Profile.InteractionMix["scroll"], 3);
        Assert.Equal(0, searchers.Conversion);
        Assert.NotNull(bouncers.Profile.Sentiment);
        Assert.Equal(16, clusters.Projection.Count);
        Assert.All(clusters.Projection, p => Assert.Equal(p.UserId < 100 ? searchers.Id : bouncers.Id, p.Cluster));
        Assert.Same(clusters, service.Current.Clusters(2, snapshot, service.Options)); // computed once per version

        var chosen = service.Current.Clusters(null, snapshot, service.Options);
        Assert.True(chosen.ChosenBySilhouette);
        Assert.InRange(chosen.K, 2, service.Options.MaxChosenClusters);
    }

    sealed class Reporter(Action<TwoTowerEpoch> report) : IProgress<TwoTowerEpoch>
    {
        public void Report(TwoTowerEpoch value) => report(value);
    }
}
