using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.ML.Forecasting;
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
/// Trains one visit forecaster per series (<see cref="VisitSeries"/>) from the analytics snapshot, keeps them in the
/// versioned registry, and serves forecasts from each series' latest good version (loaded once, reloaded after training).
/// One training run at a time, always off the caller's thread; <see cref="Changed"/> tells about status and model changes.
/// </summary>
public sealed class ForecastService
{
    readonly FunnelAnalytics analytics;
    readonly ForecastingOptions options;
    readonly ILogger<ForecastService> logger;
    readonly ForecastModelRegistry registry;
    readonly SemaphoreSlim training = new(1, 1);
    readonly Lock loading = new();
    volatile IReadOnlyDictionary<string, ServedModel>? served;
    volatile HistoryCache? history;

    sealed record HistoryCache(EventSnapshot Snapshot, IReadOnlyDictionary<string, DailySeries> Series);

    public ForecastService(FunnelAnalytics analytics, IOptions<ForecastingOptions> options, ILogger<ForecastService> logger)
    {
        this.analytics = analytics;
        this.options = options.Value;
        this.logger = logger;
        registry = new ForecastModelRegistry(this.options.ModelDirectory);
        Status = new ForecastStatus(ForecastState.Idle, this.options.TrainOnStart
            ? "No forecast model yet: training starts once the data is loaded."
            : "No forecast model yet: train one with the train-forecast command.", 0);
    }

    public ForecastStatus Status { get; private set; }
    public string ModelDirectory => registry.RootDirectory;
    public event Action? Changed;

    /// <summary>The models being served, by series key; a series without a good version is absent.</summary>
    public IReadOnlyDictionary<string, ServedModel> Models
    {
        get
        {
            if (served is { } models) return models;
            lock (loading)
            {
                if (served is null)
                {
                    served = LoadModels();
                    if (Status.State == ForecastState.Idle && VisitSeries.Keys.All(served.ContainsKey))
                        Status = new ForecastStatus(ForecastState.Ready, null, 1);
                }
                return served;
            }
        }
    }

    public bool HasAllModels => VisitSeries.Keys.All(Models.ContainsKey);

    /// <summary>
    /// Starts training every series on the current snapshot in the background and returns the registered versions when
    /// done; null when a run is already under way. The task fails when the data cannot be trained on (Status says why).
    /// </summary>
    public Task<IReadOnlyList<ModelVersionInfo>>? TryStartTraining(CancellationToken ct = default)
    {
        if (!training.Wait(0)) return null;
        SetStatus(ForecastState.Training, "Training forecast models: starting…", 0);
        return Task.Run(() =>
        {
            try { return Train(ct); }
            finally { training.Release(); }
        }, CancellationToken.None);
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

    IReadOnlyList<ModelVersionInfo> Train(CancellationToken ct)
    {
        try
        {
            var allSeries = VisitSeries.From(analytics.Snapshot);
            if (allSeries.Count == 0) throw new InvalidOperationException("There is no data to train on: import a dataset first.");
            var forecastOptions = options.ToForecastOptions();
            var registered = new List<ModelVersionInfo>();
            var clock = Stopwatch.StartNew();
            foreach (var (index, (key, series)) in allSeries.Index())
            {
                logger.LogInformation("Training the {Series} forecaster ({Index} of {Count}) on {Days} days, {Start:yyyy-MM-dd} to {End:yyyy-MM-dd}",
                    key, index + 1, allSeries.Count, series.Length, series.Start, series.End);
                var progress = new EpochReporter(p => ReportEpoch(key, index, allSeries.Count, p));
                var result = ForecastTrainer.Train(series, forecastOptions, progress, ct);
                var info = registry.Register(key, result);
                logger.LogInformation(
                    "{Series} model v{Version}: {Epochs} epochs (best {Best}); held-out RMSE: LSTM {Lstm:F1}, naive {Naive:F1}, seasonal naive {Seasonal:F1}",
                    key, info.Version, result.Epochs, result.BestEpoch,
                    result.Evaluation.Lstm.Rmse, result.Evaluation.Naive.Rmse, result.Evaluation.SeasonalNaive.Rmse);
                registered.Add(info);
            }
            var models = LoadModels();
            served = models;
            var missing = VisitSeries.Keys.Where(key => !models.ContainsKey(key)).ToList();
            logger.LogInformation("Trained {Count} forecast models in {Seconds:F1} s", registered.Count, clock.Elapsed.TotalSeconds);
            if (missing.Count == 0) SetStatus(ForecastState.Ready, null, 1);
            else SetStatus(ForecastState.Failed, $"Training did not give a usable model for {string.Join(", ", missing)}.", 1);
            return registered;
        }
        catch (OperationCanceledException)
        {
            SetStatus(ForecastState.Idle, "Forecast training was cancelled.", 0);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Forecast training failed");
            SetStatus(ForecastState.Failed, $"Forecast training failed: {e.Message}", 1);
            throw;
        }
    }

    void ReportEpoch(string series, int index, int count, TrainingProgress p)
    {
        logger.LogDebug("{Series}: epoch {Epoch}/{Max}, training loss {Training:G4}, validation loss {Validation:G4}",
            series, p.Epoch, p.MaxEpochs, p.TrainingLoss, p.ValidationLoss);
        SetStatus(ForecastState.Training, $"Training forecast models: {series} ({index + 1} of {count}), epoch {p.Epoch} of at most {p.MaxEpochs}.",
            (index + (double)p.Epoch / p.MaxEpochs) / count);
    }

    IReadOnlyDictionary<string, ServedModel> LoadModels()
    {
        var models = new Dictionary<string, ServedModel>();
        foreach (var key in VisitSeries.Keys)
        {
            try
            {
                if (registry.LoadLatestGood(key) is var (info, model))
                    models[key] = new ServedModel(info, model, registry.List(key));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                logger.LogError(e, "The {Series} forecast model in {Directory} could not be loaded", key, registry.RootDirectory);
            }
        }
        if (models.Count > 0)
            logger.LogInformation("Serving forecast models {Models} from {Directory}",
                string.Join(", ", models.Values.Select(m => $"{m.Info.SeriesKey} v{m.Info.Version}")), registry.RootDirectory);
        return models;
    }

    /// <summary>The per-epoch training log of a stored version, or null when it has none (or cannot be read).</summary>
    public IReadOnlyList<TrainingProgress>? TrainingLog(string series, int version)
    {
        try
        {
            return registry.ReadTrainingLog(series, version);
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

    /// <summary>Reports on the training thread itself (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    sealed class EpochReporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
