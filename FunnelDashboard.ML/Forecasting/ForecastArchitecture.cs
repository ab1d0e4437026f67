namespace FunnelDashboard.ML.Forecasting;

/// <summary>The hyper-parameters that fix a forecaster's shape; saved with its weights.</summary>
public sealed record ForecastArchitecture(int InputDays, int Horizon, int HiddenSize, int LstmLayers, int DenseSize, float Dropout)
{
    public static ForecastArchitecture From(ForecastOptions options) =>
        new(options.InputDays, options.Horizon, options.HiddenSize, options.LstmLayers, options.DenseSize, options.Dropout);

    /// <summary>Days of history a forecast needs: the input window, and a full week for the seasonal baseline.</summary>
    public int MinimumHistory => Math.Max(InputDays, 7);
}
