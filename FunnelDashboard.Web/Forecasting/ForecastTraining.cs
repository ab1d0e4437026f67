using System.Diagnostics;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>What one training run is asked to do.</summary>
/// <param name="DaysBack">Train on the last this many days only; null: all of them.</param>
/// <param name="VersionName">The name of the new versions (unique within each series); null: none.</param>
/// <param name="StartedBy">Who asked for it, recorded with each version.</param>
public sealed record ForecastTrainingRequest(ForecastOptions Options, int? DaysBack, string? VersionName, string StartedBy);

/// <summary>A new version and whether it now serves (<see cref="ModelVersionInfo.Decision"/> says why, or why not).</summary>
public sealed record TrainedVersion(ModelVersionInfo Info, bool Activated);

/// <summary>
/// Trains a new version of every series on the current snapshot, then, only once all are trained (a cancelled or
/// failed run changes nothing), registers them and activates each one that beats its series' active version on the
/// same held-out days; a worse one is kept but not served, with the reason. Finally prunes each series to
/// <see cref="ForecastingOptions.KeepVersions"/>. The job runner and the train-forecast command both train here.
/// </summary>
public sealed class ForecastTraining(
    ForecastService forecasts,
    FunnelAnalytics analytics,
    IOptions<ForecastingOptions> options,
    ILogger<ForecastTraining> logger)
{
    /// <summary>The settings' training: their network options and days back, no version name.</summary>
    public ForecastTrainingRequest DefaultRequest(string startedBy) =>
        new(options.Value.ToForecastOptions(), options.Value.DaysBack, null, startedBy);

    /// <exception cref="InvalidOperationException">There is no data to train on.</exception>
    /// <exception cref="ArgumentException">The data is too short for the options, or the version name is taken.</exception>
    public IReadOnlyList<TrainedVersion> Train(ForecastTrainingRequest request, IJobReporter reporter, CancellationToken ct)
    {
        try
        {
            var trained = TrainAll(request, reporter, ct);
            forecasts.ReportTrainingEnded(null);
            return trained;
        }
        catch (OperationCanceledException)
        {
            forecasts.ReportTrainingEnded("Forecast training was cancelled.");
            throw;
        }
        catch (Exception e)
        {
            forecasts.ReportTrainingEnded($"Forecast training failed: {e.Message}");
            throw;
        }
    }

    IReadOnlyList<TrainedVersion> TrainAll(ForecastTrainingRequest request, IJobReporter reporter, CancellationToken ct)
    {
        var allSeries = VisitSeries.From(analytics.Snapshot)
            .ToDictionary(s => s.Key, s => request.DaysBack is { } days && days < s.Value.Length ? s.Value.Slice(s.Value.Length - days, days) : s.Value);
        if (allSeries.Count == 0) throw new InvalidOperationException("There is no data to train on: import a dataset first.");
        if (request.VersionName is { } name)
            foreach (var key in allSeries.Keys)
                if (forecasts.Registry.List(key).FirstOrDefault(v => v.Name == name) is { } taken)
                    throw new ArgumentException($"The version name '{name}' is taken (version {taken.Version} of '{key}'); choose another.");

        var clock = Stopwatch.StartNew();
        var results = new List<(string Key, DailySeries Series, ForecastTrainingResult Result)>();
        foreach (var (index, (key, series)) in allSeries.Index())
        {
            reporter.Log($"Training {key} ({index + 1} of {allSeries.Count}) on {series.Length} days, {series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}.");
            var progress = new EpochReporter(p =>
            {
                var message = $"Training {key} ({index + 1} of {allSeries.Count}), epoch {p.Epoch} of at most {p.MaxEpochs}, loss {p.TrainingLoss:G4}.";
                var share = (index + (double)p.Epoch / p.MaxEpochs) / allSeries.Count;
                reporter.Report(share, message);
                reporter.Curve(key, new LossPoint(p.Epoch, p.TrainingLoss, p.ValidationLoss));
                forecasts.ReportTraining(share, $"Training forecast models: {key} ({index + 1} of {allSeries.Count}), epoch {p.Epoch} of at most {p.MaxEpochs}.");
            });
            var result = ForecastTrainer.Train(series, request.Options, progress, ct);
            reporter.Log($"{key}: {result.Epochs} epochs (best {result.BestEpoch}); held-out RMSE: model {result.Evaluation.Lstm.Rmse:F1}, " +
                         $"naive {result.Evaluation.Naive.Rmse:F1}, seasonal naive {result.Evaluation.SeasonalNaive.Rmse:F1}.");
            results.Add((key, series, result));
        }
        ct.ThrowIfCancellationRequested(); // the last chance to stop without changing anything

        var trained = new List<TrainedVersion>();
        foreach (var (key, series, result) in results)
        {
            var (activate, decision) = Decide(key, series, result);
            var info = forecasts.Registry.Register(key, result, request.VersionName, request.StartedBy, decision);
            reporter.Log($"{key} v{info.Version}: {decision}");
            trained.Add(new TrainedVersion(info, activate));
        }
        forecasts.ActivateTrained(trained.Where(t => t.Activated).Select(t => t.Info).ToList());
        foreach (var key in allSeries.Keys)
            if (forecasts.Registry.Prune(key, options.Value.KeepVersions) is { Count: > 0 } pruned)
                reporter.Log($"{key}: deleted versions {string.Join(", ", pruned)} (Forecasting:KeepVersions = {options.Value.KeepVersions}).");

        var summary = $"Trained {trained.Count} forecast models in {clock.Elapsed.TotalSeconds:F1} s; {trained.Count(t => t.Activated)} activated.";
        logger.LogInformation("{Summary} Started by {Actor}", summary, request.StartedBy);
        reporter.Report(1, summary);
        return trained;
    }

    /// <summary>Whether a new version should replace the active one: it must be good and beat it on the new version's held-out days.</summary>
    (bool Activate, string Decision) Decide(string key, DailySeries series, ForecastTrainingResult result)
    {
        if (!result.IsGood) return (false, "Not activated: training did not converge to a usable model.");
        if (forecasts.Registry.Active(key) is not { } active) return (true, "Activated: the first usable version.");
        var held = $"the held-out days {result.Evaluation.TestStart:yyyy-MM-dd} to {result.Evaluation.TestEnd:yyyy-MM-dd}";
        double activeRmse;
        try
        {
            activeRmse = ForecastTrainer.Score(forecasts.Registry.Load(key, active.Version), series, result.Options).Lstm.Rmse;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            return (true, $"Activated: the active v{active.Version} could not be scored on {held} ({e.Message}).");
        }
        var newRmse = result.Evaluation.Lstm.Rmse;
        return newRmse < activeRmse || !double.IsFinite(activeRmse)
            ? (true, $"Activated: RMSE {newRmse:F1} beats the active v{active.Version}'s {activeRmse:F1} on {held}.")
            : (false, $"Not activated: RMSE {newRmse:F1} does not beat the active v{active.Version}'s {activeRmse:F1} on {held}.");
    }

    /// <summary>Reports on the training thread itself (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    sealed class EpochReporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
