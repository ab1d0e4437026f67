namespace FunnelDashboard.ML.Forecasting;

/// <summary>The LSTM and both baselines scored the same way on the same held-out forecasts: one forecast from
/// each origin whose horizon lies in [TestStart, TestEnd] (a rolling-origin backtest of one fixed model).</summary>
public sealed record ForecastEvaluation(
    ForecastMetrics Lstm,
    ForecastMetrics Naive,
    ForecastMetrics SeasonalNaive,
    DateOnly TestStart,
    DateOnly TestEnd,
    int Origins);
