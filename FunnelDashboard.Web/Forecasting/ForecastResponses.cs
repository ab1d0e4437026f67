using System.Text.Json.Serialization;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>POST /predict. Field names follow the original prediction API.</summary>
public sealed record PredictRequest([property: JsonPropertyName("days_ahead")] int? DaysAhead, string? Metric, string? Page);

/// <summary>POST /predict/multiple.</summary>
public sealed record PredictMultipleRequest([property: JsonPropertyName("days_ahead")] int? DaysAhead, IReadOnlyList<string>? Metrics, string? Page);

/// <summary>Accuracy on the held-out tail (Count: forecasts scored, each a known day). JSON has no NaN, so undefined figures (MAPE when every actual is zero, R² of a constant) are null.</summary>
public sealed record ModelMetrics(double? Mse, double? Mae, double? Rmse, double? Mape, double? R2, int Count)
{
    public static ModelMetrics From(ForecastMetrics m) => new(Finite(m.Mse), Finite(m.Mae), Finite(m.Rmse), Finite(m.Mape), Finite(m.R2), m.Count);

    /// <summary>The LSTM next to both baselines, keyed lstm, naive and seasonal_naive.</summary>
    public static IReadOnlyDictionary<string, ModelMetrics> Of(ForecastEvaluation evaluation) => new Dictionary<string, ModelMetrics>
    {
        ["lstm"] = From(evaluation.Lstm),
        ["naive"] = From(evaluation.Naive),
        ["seasonal_naive"] = From(evaluation.SeasonalNaive),
    };

    static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <param name="LastObservedDay">The last day of the data the forecast continues from.</param>
public sealed record ForecastResponse(
    string Metric,
    string Series,
    int ModelVersion,
    DateOnly LastObservedDay,
    IReadOnlyList<ForecastPoint> Predictions,
    IReadOnlyDictionary<string, ModelMetrics> Metrics)
{
    public static ForecastResponse From(string metric, SeriesForecast forecast) =>
        new(metric, forecast.Series, forecast.Model.Version, forecast.HistoryEnd, forecast.Points, ModelMetrics.Of(forecast.Model.Evaluation));
}

public sealed record MultipleForecastResponse(IReadOnlyDictionary<string, ForecastResponse> Predictions);

/// <summary>How often the held-out actuals fell inside the intervals (share, 0-1); null when nothing was scored.</summary>
public sealed record IntervalCoverage(double? Interval80, double? Interval95)
{
    public static IntervalCoverage Of(ForecastEvaluation e) =>
        new(double.IsFinite(e.Coverage80) ? e.Coverage80 : null, double.IsFinite(e.Coverage95) ? e.Coverage95 : null);
}

/// <summary>One epoch of a version's training log; losses are mean squared errors in log space.</summary>
public sealed record TrainingLogEntry(int Epoch, double TrainingLoss, double ValidationLoss, double LearningRate)
{
    public static TrainingLogEntry From(TrainingProgress p) => new(p.Epoch, p.TrainingLoss, p.ValidationLoss, p.LearningRate);
}

/// <summary>One stored version as the registry lists it: what it was trained on, by whom, how it scored beside the baselines, and whether it serves.</summary>
/// <param name="Decision">Why it was, or was not, activated when trained.</param>
public sealed record ModelVersionSummary(
    int Version,
    string? Name,
    DateTimeOffset CreatedUtc,
    string? CreatedBy,
    DateOnly DataStart,
    DateOnly DataEnd,
    bool IsGood,
    bool Active,
    double? LstmRmse,
    IReadOnlyDictionary<string, ModelMetrics> Metrics,
    ForecastOptions HyperParameters,
    string? Decision)
{
    public static ModelVersionSummary From(ModelVersionInfo info, bool active) =>
        new(info.Version, info.Name, info.CreatedUtc, info.CreatedBy, info.DataStart, info.DataEnd, info.IsGood, active,
            ModelMetrics.From(info.Evaluation.Lstm).Rmse, ModelMetrics.Of(info.Evaluation), info.Options, info.Decision);
}

/// <summary>The served (active) version of one series: what it was trained on, how, by whom, and how it scored on the held-out tail.</summary>
/// <param name="OlderVersions">The series' other stored versions (older, or newer ones not activated or rolled back from).</param>
public sealed record SeriesModelInfo(
    string Series,
    int Version,
    string? Name,
    bool Active,
    DateTimeOffset CreatedUtc,
    string? CreatedBy,
    string? Decision,
    DateOnly DataStart,
    DateOnly DataEnd,
    ForecastOptions HyperParameters,
    int Epochs,
    int BestEpoch,
    DateOnly TestStart,
    DateOnly TestEnd,
    int MissingDays,
    int ScoredDays,
    IReadOnlyDictionary<string, ModelMetrics> Metrics,
    IntervalCoverage Coverage,
    IReadOnlyList<TrainingLogEntry>? TrainingLog,
    IReadOnlyList<ModelVersionSummary> OlderVersions)
{
    /// <param name="trainingLog">The version's per-epoch log; null when it could not be read.</param>
    public static SeriesModelInfo From(ServedModel served, IReadOnlyList<TrainingProgress>? trainingLog)
    {
        var info = served.Info;
        return new(info.SeriesKey, info.Version, info.Name, true, info.CreatedUtc, info.CreatedBy, info.Decision, info.DataStart, info.DataEnd, info.Options, info.Epochs, info.BestEpoch,
            info.Evaluation.TestStart, info.Evaluation.TestEnd, info.MissingDays, info.Evaluation.ScoredDays, ModelMetrics.Of(info.Evaluation),
            IntervalCoverage.Of(info.Evaluation), trainingLog?.Select(TrainingLogEntry.From).ToList(),
            served.Versions.Where(v => v.Version != info.Version).Select(v => ModelVersionSummary.From(v, active: false)).ToList());
    }
}

public sealed record ModelInfoResponse(ForecastStatus Status, IReadOnlyList<SeriesModelInfo> Models);
