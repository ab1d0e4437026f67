namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// The LSTM and both baselines scored the same way on the same out-of-sample forecasts: every forecast day in
/// [TestStart, TestEnd] whose actual is known, from every origin whose horizon lies in that range.
/// </summary>
/// <param name="Origins">Forecasts made (one per origin, each of the full horizon).</param>
/// <param name="ScoredDays">Distinct known days scored (each is the target of up to a horizon of origins).</param>
/// <param name="UnknownDays">Days in the range whose actual is unknown: not scored.</param>
/// <param name="Coverage80">Share of scored forecasts whose actual lies inside the 80 % interval (NaN: no intervals).</param>
/// <param name="Coverage95">The same for the 95 % interval.</param>
public sealed record ForecastEvaluation(
    ForecastMetrics Lstm,
    ForecastMetrics Naive,
    ForecastMetrics SeasonalNaive,
    DateOnly TestStart,
    DateOnly TestEnd,
    int Origins,
    int ScoredDays,
    int UnknownDays,
    double Coverage80,
    double Coverage95);
