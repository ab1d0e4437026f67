using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.ML.Registry;
using FunnelDashboard.Web.Instances;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// Trains the two-tower model on the analytics snapshot (<see cref="BehaviorDataset"/>), keeps its versions in the
/// model registry (key <see cref="RegistryKey"/>: model.fdtt and info.json), stores the user and item embeddings in
/// the vector store's collections, and serves the latest good version's users from an index (<see cref="SimilarityModel"/>)
/// built from the vector store at start, so a restart serves without retraining. One run at a time, off the
/// caller's thread; <see cref="Changed"/> tells about status and model changes. A version served after training is told
/// to the other instances that share the registry and store, which serve it too (<see cref="LoadAsync"/>); a version
/// replaces the served one only when it is newer, so a slow load never overwrites a newer model.
/// </summary>
public sealed class SimilarUsersService
{
    public const string RegistryKey = "two_tower";
    public const string ModelFileName = "model.fdtt";

    readonly Func<EventSnapshot> snapshots;
    readonly VectorStore store;
    readonly IInstanceMessages instances;
    readonly SimilarUsersOptions options;
    readonly ILogger<SimilarUsersService> logger;
    readonly ModelRegistry registry;
    readonly SemaphoreSlim training = new(1, 1);
    readonly Lock serving = new();
    volatile SimilarityModel? served;

    /// <param name="snapshots">The newest analytics snapshot (the app's <see cref="FunnelAnalytics.Snapshot"/>).</param>
    public SimilarUsersService(Func<EventSnapshot> snapshots, VectorStore store, IInstanceMessages instances,
        IOptions<SimilarUsersOptions> options, ILogger<SimilarUsersService> logger)
    {
        this.snapshots = snapshots;
        this.store = store;
        this.instances = instances;
        this.options = options.Value;
        this.logger = logger;
        registry = new ModelRegistry(this.options.ModelDirectory);
        Status = new SimilarUsersStatus(SimilarUsersState.Idle, this.options.TrainOnStart
            ? "No similar-users model yet: training starts once the data is loaded."
            : "No similar-users model yet: retrain the two_tower model.", 0);
    }

    public SimilarUsersStatus Status { get; private set; }
    public SimilarUsersOptions Options => options;
    public string ModelDirectory => registry.RootDirectory;
    public event Action? Changed;

    /// <summary>The model being served; null until one is loaded or trained.</summary>
    public SimilarityModel? Current => served;

    /// <summary>
    /// Serves the latest good version (at start, and when another instance served a new one): its user embeddings from
    /// the vector store, or, when the store does not hold that version's (another database, an interrupted write),
    /// recomputed from its model file and stored again. Nothing is loaded when that version (or a newer) is served
    /// already. Returns false when there is no good version.
    /// </summary>
    public async Task<bool> LoadAsync(CancellationToken ct = default)
    {
        await store.InitializeAsync(ct);
        var latest = registry.Versions(RegistryKey).Reverse()
            .Select(version => TryReadInfo(version))
            .FirstOrDefault(info => info is { IsGood: true });
        if (latest is null) return false;
        if (served is { } current && current.Info.Version >= latest.Version) return true;
        var stored = await store.LoadAsync(VectorCollections.UserBehavior, ct);
        if (stored.Count == 0 || stored.Any(v => v.Timestamp != latest.CreatedUnixSeconds || v.Embedding.Length != latest.Options.Dimensions))
        {
            logger.LogWarning("The vector store does not hold the embeddings of two-tower v{Version}: recomputing them from its model file", latest.Version);
            var file = TwoTowerModelFile.Load(registry.FilePath(RegistryKey, latest.Version, ModelFileName));
            stored = await StoreEmbeddingsAsync(latest, file, ct);
        }
        if (!Serve(latest, stored)) return true;
        // A reload beside this instance's own training leaves the training's status alone.
        if (Status.State == SimilarUsersState.Training) Changed?.Invoke();
        else SetStatus(new SimilarUsersStatus(SimilarUsersState.Ready, null, 1));
        return true;
    }

    /// <summary>
    /// Starts training on the current snapshot in the background and returns the registered version when done; null
    /// when a run is already under way. Progress (each epoch of the evaluation run, then of the final run) goes to
    /// <paramref name="progress"/> and <see cref="Status"/>; cancelling stops within a batch. The task fails when the
    /// data cannot be trained on (Status says why).
    /// </summary>
    public Task<TwoTowerVersionInfo>? TryStartTraining(IProgress<TwoTowerEpoch>? progress = null, CancellationToken ct = default)
    {
        if (!training.Wait(0)) return null;
        SetStatus(new SimilarUsersStatus(SimilarUsersState.Training, "Training the similar-users model: starting…", 0));
        return Task.Run(async () =>
        {
            try { return await TrainAsync(progress, ct); }
            finally { training.Release(); }
        }, CancellationToken.None);
    }

    async Task<TwoTowerVersionInfo> TrainAsync(IProgress<TwoTowerEpoch>? progress, CancellationToken ct)
    {
        try
        {
            var snapshot = snapshots();
            var clock = Stopwatch.StartNew();
            var dataset = BehaviorDataset.From(snapshot);
            if (dataset.Interactions.Count < 2 || dataset.Interactions.UserCount < 3)
                throw new InvalidOperationException("There is not enough data to train on: import a dataset first.");
            var twoTowerOptions = options.ToTwoTowerOptions();
            logger.LogInformation("Training the two-tower model on {Users:N0} users, {Items} items, {Pairs:N0} pairs ({Dimensions} dimensions, {Epochs} epochs)",
                dataset.Interactions.UserCount, dataset.Interactions.ItemCount, dataset.Interactions.Count, twoTowerOptions.Dimensions, twoTowerOptions.Epochs);

            var evaluation = Evaluate(dataset, twoTowerOptions, progress, ct);
            var final = TwoTowerTrainer.Train(dataset.Interactions, twoTowerOptions, dataset.UserFeatures, dataset.ItemFeatures,
                Reporter(progress, phase: 1, "training on all pairs"), ct);
            bool good = final.EpochLosses.All(float.IsFinite) && final.UserEmbeddings.Data.All(float.IsFinite);
            var range = snapshot.DataRange;
            var snapshotModel = new TwoTowerSnapshot(final.Model, dataset.Interactions.UserKeys, dataset.Interactions.ItemKeys);
            var info = registry.Register(RegistryKey,
                directory => TwoTowerModelFile.Save(snapshotModel, Path.Combine(directory, ModelFileName)),
                version => new TwoTowerVersionInfo(RegistryKey, version, DateTimeOffset.UtcNow, range?.From, range?.To,
                    dataset.Interactions.UserCount, dataset.Interactions.ItemCount, dataset.Interactions.Count, twoTowerOptions,
                    final.EpochLosses, evaluation, Math.Round(clock.Elapsed.TotalSeconds, 1), good));
            logger.LogInformation(
                "Two-tower v{Version} in {Seconds:F1} s: held-out recall@10 {Recall:F3} (popularity {PopularRecall:F3}), NDCG@10 {Ndcg:F3} (popularity {PopularNdcg:F3})",
                info.Version, clock.Elapsed.TotalSeconds, evaluation?.TwoTower.Recall, evaluation?.Popularity.Recall, evaluation?.TwoTower.Ndcg, evaluation?.Popularity.Ndcg);
            if (!good)
            {
                SetStatus(new SimilarUsersStatus(served is null ? SimilarUsersState.Failed : SimilarUsersState.Ready,
                    $"Two-tower v{info.Version} did not converge (a loss or embedding is not finite); retrain.", 1));
                return info;
            }
            SetStatus(Status with { Message = "Storing the embeddings…", Progress = 1 });
            var stored = await StoreEmbeddingsAsync(info, snapshotModel, ct);
            if (Serve(info, stored)) instances.Publish(InstanceMessage.SimilarUsersModelChanged);
            SetStatus(new SimilarUsersStatus(SimilarUsersState.Ready, null, 1));
            return info;
        }
        catch (OperationCanceledException)
        {
            SetStatus(new SimilarUsersStatus(served is null ? SimilarUsersState.Idle : SimilarUsersState.Ready, "Similar-users training was cancelled.", served is null ? 0 : 1));
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Similar-users training failed");
            SetStatus(new SimilarUsersStatus(served is null ? SimilarUsersState.Failed : SimilarUsersState.Ready, $"Similar-users training failed: {e.Message}", 1));
            throw;
        }
    }

    /// <summary>The held-out quality (<see cref="TwoTowerEvaluation"/>); null when too few pairs to hold a fifth out.</summary>
    TwoTowerEvaluationInfo? Evaluate(BehaviorDataset dataset, TwoTowerOptions twoTowerOptions, IProgress<TwoTowerEpoch>? progress, CancellationToken ct)
    {
        var (trainingPairs, test) = TwoTowerEvaluation.Split(dataset.Interactions, twoTowerOptions.Seed);
        if (test.Count == 0 || trainingPairs.Count < 2) return null;
        var trained = TwoTowerTrainer.Train(trainingPairs, twoTowerOptions, dataset.UserFeatures, dataset.ItemFeatures,
            Reporter(progress, phase: 0, "held-out evaluation"), ct);
        var twoTower = TwoTowerEvaluation.Evaluate(new EmbeddingRecommender(trained.UserEmbeddings, trained.ItemEmbeddings), trainingPairs, test);
        var popularity = TwoTowerEvaluation.Evaluate(new PopularityRecommender(trainingPairs), trainingPairs, test);
        return new TwoTowerEvaluationInfo(new RankingScore(Math.Round(twoTower.Recall, 4), Math.Round(twoTower.Ndcg, 4)),
            new RankingScore(Math.Round(popularity.Recall, 4), Math.Round(popularity.Ndcg, 4)), twoTower.Users, trainingPairs.Count, test.Count);
    }

    /// <summary>Epochs of a run's two phases (evaluation, final) as one progress from 0 to 1, on the training thread.</summary>
    IProgress<TwoTowerEpoch> Reporter(IProgress<TwoTowerEpoch>? outer, int phase, string what) => new EpochReporter(epoch =>
    {
        outer?.Report(epoch);
        SetStatus(new SimilarUsersStatus(SimilarUsersState.Training,
            $"Training the similar-users model ({what}): epoch {epoch.Epoch} of {epoch.Epochs}, loss {epoch.Loss.ToString("F4", CultureInfo.InvariantCulture)}.",
            (phase + (double)epoch.Epoch / epoch.Epochs) / 2, epoch.Epoch, epoch.Epochs, epoch.Loss));
    });

    /// <summary>Writes the version's user embeddings (attribute: device) and item embeddings (attribute: interaction kind) in one batch each.</summary>
    async Task<IReadOnlyList<StoredVector>> StoreEmbeddingsAsync(TwoTowerVersionInfo info, TwoTowerSnapshot trained, CancellationToken ct)
    {
        var (model, userKeys, itemKeys) = (trained.Model, trained.UserKeys, trained.ItemKeys);
        var snapshot = snapshots();
        var userEmbeddings = model.UserTower.EmbedAll();
        var itemEmbeddings = model.ItemTower.EmbedAll();
        long stamp = info.CreatedUnixSeconds;
        var users = userKeys.Select((key, u) =>
        {
            long id = long.Parse(key, CultureInfo.InvariantCulture);
            string? device = snapshot.Find(id)?.Device.ToString();
            return new StoredVector(id, key, device, userEmbeddings.Row(u).ToArray(), stamp);
        }).ToList();
        var items = itemKeys.Select((key, i) => new StoredVector(i, key, BehaviorItems.KindName(BehaviorItems.KindOf(i)), itemEmbeddings.Row(i).ToArray(), stamp)).ToList();
        await store.InitializeAsync(ct);
        await store.UpsertAsync(VectorCollections.UserBehavior, users, ct);
        await store.UpsertAsync(VectorCollections.PageInteraction, items, ct);
        return users;
    }

    /// <summary>Builds the version's index and serves it, unless the same or a newer version was served meanwhile; returns whether it serves now.</summary>
    bool Serve(TwoTowerVersionInfo info, IReadOnlyList<StoredVector> users)
    {
        int dimensions = info.Options.Dimensions;
        var vectors = new float[users.Count * dimensions];
        for (int i = 0; i < users.Count; i++) users[i].Embedding.CopyTo(vectors.AsSpan(i * dimensions, dimensions));
        var model = new SimilarityModel(info, new VectorSet(users.Select(v => v.Id).ToArray(), vectors, dimensions),
            users.Select(v => v.Attribute).ToArray(), options);
        SimilarityModel? replaced;
        lock (serving)
        {
            replaced = served;
            if (replaced is not null && replaced.Info.Version >= info.Version) return false;
            served = model;
        }
        logger.LogInformation("Serving two-tower v{Version} (before: {Replaced}): {Users:N0} users in {Index}",
            info.Version, replaced is null ? "none" : $"v{replaced.Info.Version}", users.Count, model.Index.GetType().Name);
        // The default clusters take seconds on many users: computed now, the first page or request finds them.
        var snapshot = snapshots();
        if (snapshot.UserCount > 0) _ = Task.Run(() => PrecomputeClusters(model, snapshot));
        return true;
    }

    void PrecomputeClusters(SimilarityModel model, EventSnapshot snapshot)
    {
        try
        {
            model.Clusters(null, snapshot, options);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The behavioural clusters of two-tower v{Version} could not be computed", model.Info.Version);
        }
    }

    TwoTowerVersionInfo? TryReadInfo(int version)
    {
        try
        {
            return registry.ReadInfo<TwoTowerVersionInfo>(RegistryKey, version);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Two-tower v{Version} in {Directory} could not be read", version, registry.RootDirectory);
            return null;
        }
    }

    void SetStatus(SimilarUsersStatus status)
    {
        Status = status;
        Changed?.Invoke();
    }

    /// <summary>Reports on the training thread itself (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    sealed class EpochReporter(Action<TwoTowerEpoch> report) : IProgress<TwoTowerEpoch>
    {
        public void Report(TwoTowerEpoch value) => report(value);
    }
}
