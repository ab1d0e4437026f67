namespace FunnelDashboard.ML.Forecasting;

/// <summary>One forecast day: the point forecast and its 80 % and 95 % prediction intervals, in visits.</summary>
public sealed record ForecastDay(DateOnly Date, float Value, float Lower80, float Upper80, float Lower95, float Upper95);
