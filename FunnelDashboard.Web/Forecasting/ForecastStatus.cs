namespace FunnelDashboard.Web.Forecasting;

/// <summary>Idle: no training has run in this process and not every series has a model. Ready: every series has one.</summary>
public enum ForecastState { Idle, Training, Ready, Failed }

/// <summary>What the forecaster is doing, for the API's 503 answers and the UI.</summary>
/// <param name="Progress">Share of the current training run done, from 0 to 1 (1 when not training).</param>
public sealed record ForecastStatus(ForecastState State, string? Message, double Progress);
