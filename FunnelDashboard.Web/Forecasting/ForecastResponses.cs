using System.Text.Json.Serialization;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>POST /predict. Field names follow the original prediction API.</summary>
public sealed record PredictRequest([property: JsonPropertyName("days_ahead")] int? DaysAhead, string? Metric, string? Page);

/// <summary>POST /predict/multiple.</summary>
public sealed record PredictMultipleRequest([property: JsonPropertyName("days_ahead")] int? DaysAhead, IReadOnlyList<string>? Metrics, string? Page);

/// <summary>Accuracy on the held-out tail. JSON has no NaN, so undefined figures (MAPE when every actual is zero, R² of a constant) are null.</summary>
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

public sealed record ModelVersionSummary(int Version, DateTimeOffset CreatedUtc, DateOnly DataStart, DateOnly DataEnd, bool IsGood, double? LstmRmse)
{
    public static ModelVersionSummary From(ModelVersionInfo info) =>
        new(info.Version, info.CreatedUtc, info.DataStart, info.DataEnd, info.IsGood, ModelMetrics.From(info.Evaluation.Lstm).Rmse);
}

/// <summary>The served version of one series: what it was trained on, how, and how it scored on the held-out tail.</summary>
public sealed record SeriesModelInfo(
    string Series,
    int Version,
    DateTimeOffset CreatedUtc,
    DateOnly DataStart,
    DateOnly DataEnd,
    ForecastOptions HyperParameters,
    int Epochs,
    int BestEpoch,
    DateOnly TestStart,
    DateOnly TestEnd,
    IReadOnlyDictionary<string, ModelMetrics> Metrics,
    IReadOnlyList<ModelVersionSummary> OlderVersions)
{
    public static SeriesModelInfo From(ServedModel served)
    {
        var info = served.Info;
        return new(info.SeriesKey, info.Version, info.CreatedUtc, info.DataStart, info.DataEnd, info.Options, info.Epochs, info.BestEpoch,
            info.Evaluation.TestStart, info.Evaluation.TestEnd, ModelMetrics.Of(info.Evaluation),
            served.Versions.Where(v => v.Version != info.Version).Select(ModelVersionSummary.From).ToList());
    }
}

public sealed record ModelInfoResponse(ForecastStatus Status, IReadOnlyList<SeriesModelInfo> Models);
