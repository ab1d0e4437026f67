using System.Diagnostics.CodeAnalysis;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Instances;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>A model in service: its registry record, the loaded network, and every stored version of its series.</summary>
public sealed record ServedModel(ModelVersionInfo Info, ForecastModel Model, IReadOnlyList<ModelVersionInfo> Versions);

/// <summary>One forecast day in visits: the point forecast and its 80 % and 95 % prediction intervals.</summary>
public sealed record ForecastPoint(DateOnly Date, double Value, double Lower80, double Upper80, double Lower95, double Upper95)
{
    public static ForecastPoint From(ForecastDay day) =>
        new(day.Date, Round(day.Value), Round(day.Lower80), Round(day.Upper80), Round(day.Lower95), Round(day.Upper95));

    static double Round(float visits) => Math.Round(visits, 1);
}

/// <summary>The next days of one series, from the model version that made them.</summary>
public sealed record SeriesForecast(string Series, ModelVersionInfo Model, DateOnly HistoryEnd, IReadOnlyList<ForecastPoint> Points);

/// <summary>
/// Serves the visit forecasts: one model per series (<see cref="VisitSeries"/>), each series' active version in the
/// versioned registry (<see cref="ForecastModelRegistry.Active"/>). The served set is loaded after an activation here,
/// or another instance's (<see cref="ReloadFromRegistry"/>), and swapped in whole unless a load that began later was
/// swapped in meanwhile, so a slow load can never overwrite a newer set; requests keep the old set until then. An
/// activation here is told to the other instances that share the registry. Training is a job
/// (<see cref="ForecastTraining"/> through the job runner); it reports its progress here for the API's 503 answers.
/// <see cref="Changed"/> tells about status and model changes.
/// </summary>
public sealed class ForecastService
{
    /// <summary>The audit action of <see cref="ActivateAsync"/>.</summary>
    public const string ActivateAction = "model.activate";

    readonly FunnelAnalytics analytics;
    readonly AuditLog audit;
    readonly IInstanceMessages instances;
    readonly ILogger<ForecastService> logger;
    readonly Lock loading = new();
    volatile IReadOnlyDictionary<string, ServedModel>? served;
    long loadsBegun, servedLoad; // loads are numbered as they begin; servedLoad is the served set's (under the lock)
    volatile HistoryCache? history;

    sealed record HistoryCache(EventSnapshot Snapshot, IReadOnlyDictionary<string, DailySeries> Series);

    public ForecastService(FunnelAnalytics analytics, AuditLog audit, IInstanceMessages instances, IOptions<ForecastingOptions> options,
        ILogger<ForecastService> logger)
    {
        this.analytics = analytics;
        this.audit = audit;
        this.instances = instances;
        this.logger = logger;
        Registry = new ForecastModelRegistry(options.Value.ModelDirectory);
        Status = new ForecastStatus(ForecastState.Idle, options.Value.TrainOnStart
            ? "No forecast model yet: training starts once the data is loaded."
            : "No forecast model yet: retrain from the admin page or with the train-forecast command.", 0);
    }

    public ForecastStatus Status { get; private set; }
    public ForecastModelRegistry Registry { get; }
    public string ModelDirectory => Registry.RootDirectory;
    public event Action? Changed;

    /// <summary>The models being served, by series key; a series without a good version is absent.</summary>
    public IReadOnlyDictionary<string, ServedModel> Models
    {
        get
        {
            if (served is { } models) return models;
            lock (loading)
            {
                var loaded = served ?? ServeActiveVersions();
                if (Status.State == ForecastState.Idle && VisitSeries.Keys.All(loaded.ContainsKey))
                    Status = new ForecastStatus(ForecastState.Ready, null, 1);
                return loaded;
            }
        }
    }

    public bool HasAllModels => VisitSeries.Keys.All(Models.ContainsKey);

    /// <summary>
    /// Makes a good stored version the one served for its series (roll back or forward); the API serves it at once.
    /// The attempt is audited (for the API and the admin page alike), a refused one as a failure with why.
    /// </summary>
    /// <param name="actor">Who activated it.</param>
    /// <exception cref="FileNotFoundException">The series has no such version.</exception>
    /// <exception cref="ArgumentException">The version is not good, or the series is not one the app forecasts.</exception>
    public async Task<ModelVersionInfo> ActivateAsync(string series, int version, string actor)
    {
        var target = $"{series} v{version}";
        ModelVersionInfo info;
        try
        {
            if (!VisitSeries.Keys.Contains(series))
                throw new ArgumentException($"Unknown series '{series}'. Known series: {string.Join(", ", VisitSeries.Keys)}.", nameof(series));
            info = Registry.Activate(series, version);
            ServeActiveVersions();
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            await audit.RecordAsync(actor, ActivateAction, target, AuditOutcome.Failure,
                e is FileNotFoundException ? $"'{series}' has no version {version}." : e.Message);
            throw;
        }
        logger.LogInformation("{Actor} activated the {Series} forecast model v{Version}", actor, series, version);
        ActivationsServed();
        await audit.RecordAsync(actor, ActivateAction, target, AuditOutcome.Success);
        return info;
    }

    /// <summary>Activates freshly trained versions together, then serves them (all at once, after training ended).</summary>
    internal void ActivateTrained(IReadOnlyList<ModelVersionInfo> versions)
    {
        lock (loading)
        {
            foreach (var info in versions) Registry.Activate(info.SeriesKey, info.Version);
            ServeActiveVersions();
        }
        ActivationsServed();
    }

    /// <summary>Tells this instance's screens, and the other instances that share the registry, which then reload it.</summary>
    void ActivationsServed()
    {
        Changed?.Invoke();
        instances.Publish(InstanceMessage.ForecastModelsChanged);
    }

    /// <summary>
    /// Serves what the registry says now, after another instance changed it (no retraining; requests keep the served
    /// set while it loads), and logs which versions changed.
    /// </summary>
    public void ReloadFromRegistry()
    {
        var before = served;
        var after = ServeActiveVersions();
        var changes = VisitSeries.Keys
            .Select(key => (Key: key, Before: before?.GetValueOrDefault(key)?.Info.Version, After: after.GetValueOrDefault(key)?.Info.Version))
            .Where(c => c.Before != c.After)
            .Select(c => $"{c.Key} {Describe(c.Before)} -> {Describe(c.After)}")
            .ToList();
        logger.LogInformation("Reloaded the forecast models another instance changed in {Directory}: {Changes}",
            Registry.RootDirectory, changes.Count > 0 ? string.Join(", ", changes) : "no served version changed");
        if (Status.State is ForecastState.Idle or ForecastState.Failed && VisitSeries.Keys.All(after.ContainsKey))
            SetStatus(ForecastState.Ready, null, 1);
        else Changed?.Invoke();

        static string Describe(int? version) => version is { } v ? $"v{v}" : "none";
    }

    /// <summary>
    /// Loads the registry's active versions and serves them, unless a load that began later was served meanwhile (it
    /// read the registry later, so it is at least as new); returns the set served now.
    /// </summary>
    IReadOnlyDictionary<string, ServedModel> ServeActiveVersions()
    {
        var load = Interlocked.Increment(ref loadsBegun);
        var models = LoadModels();
        lock (loading)
        {
            if (load > servedLoad) (served, servedLoad) = (models, load);
            return served!;
        }
    }

    /// <summary>Forecasts the next <paramref name="days"/> days of a series after the last day of the loaded data.</summary>
    /// <param name="unavailable">Why there is no forecast (no model yet, training, failed, or no data loaded).</param>
    public bool TryForecast(string series, int days, [NotNullWhen(true)] out SeriesForecast? forecast, [NotNullWhen(false)] out string? unavailable)
    {
        (forecast, unavailable) = (null, null);
        if (!Models.TryGetValue(series, out var model))
        {
            unavailable = Status.Message ?? $"There is no usable forecast model for '{series}'.";
            return false;
        }
        if (!History().TryGetValue(series, out var recent) || recent.Length < model.Model.Architecture.MinimumHistory)
        {
            unavailable = analytics.Current.StatusMessage ?? "Not enough data is loaded to forecast from.";
            return false;
        }
        var points = model.Model.Forecast(recent).Take(days).Select(ForecastPoint.From).ToList();
        forecast = new SeriesForecast(series, model.Info, recent.End, points);
        return true;
    }

    /// <summary>The training job's progress, for the API's 503 answers and the forecast page.</summary>
    internal void ReportTraining(double progress, string message) => SetStatus(ForecastState.Training, message, progress);

    /// <summary>How the training job ended: ready when every series has a model now, otherwise failed with why.</summary>
    internal void ReportTrainingEnded(string? failure)
    {
        var missing = VisitSeries.Keys.Where(key => !Models.ContainsKey(key)).ToList();
        if (failure is null && missing.Count == 0) SetStatus(ForecastState.Ready, null, 1);
        else if (failure is null) SetStatus(ForecastState.Failed, $"Training did not give a usable model for {string.Join(", ", missing)}.", 1);
        else if (missing.Count == 0) SetStatus(ForecastState.Ready, null, 1); // the served models stay
        else SetStatus(ForecastState.Failed, failure, 1);
    }

    IReadOnlyDictionary<string, ServedModel> LoadModels()
    {
        var models = new Dictionary<string, ServedModel>();
        foreach (var key in VisitSeries.Keys)
        {
            try
            {
                if (Registry.LoadActive(key) is var (info, model))
                    models[key] = new ServedModel(info, model, Registry.List(key));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                logger.LogError(e, "The {Series} forecast model in {Directory} could not be loaded", key, Registry.RootDirectory);
            }
        }
        if (models.Count > 0)
            logger.LogInformation("Serving forecast models {Models} from {Directory}",
                string.Join(", ", models.Values.Select(m => $"{m.Info.SeriesKey} v{m.Info.Version}")), Registry.RootDirectory);
        return models;
    }

    /// <summary>The per-epoch training log of a stored version, or null when it has none (or cannot be read).</summary>
    public IReadOnlyList<TrainingProgress>? TrainingLog(string series, int version)
    {
        try
        {
            return Registry.ReadTrainingLog(series, version);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The training log of {Series} v{Version} could not be read", series, version);
            return null;
        }
    }

    /// <summary>The daily visits of every series in the current snapshot (unknown days are NaN).</summary>
    public IReadOnlyDictionary<string, DailySeries> Actuals => History();

    /// <summary>The series of the current snapshot, recomputed only when the snapshot is replaced.</summary>
    IReadOnlyDictionary<string, DailySeries> History()
    {
        var snapshot = analytics.Snapshot;
        if (history is { } cached && ReferenceEquals(cached.Snapshot, snapshot)) return cached.Series;
        var series = VisitSeries.From(snapshot);
        history = new HistoryCache(snapshot, series);
        return series;
    }

    void SetStatus(ForecastState state, string? message, double progress)
    {
        Status = new ForecastStatus(state, message, progress);
        Changed?.Invoke();
    }
}
