using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>The "Forecasting" configuration section (environment: Forecasting__ModelDirectory, Forecasting__TrainOnStart, ...).</summary>
public sealed class ForecastingOptions
{
    public const string Section = "Forecasting";

    /// <summary>Where the model registry keeps its versions; relative paths are under the app's content root.</summary>
    public string ModelDirectory { get; set; } = Path.Combine("data", "models");

    /// <summary>Train in the background once the data is loaded when no usable model exists yet, so a new user sees a forecast.</summary>
    public bool TrainOnStart { get; set; } = true;

    /// <summary>Overrides of the forecaster's defaults (e.g. a smaller, quicker network in tests); null keeps the default.</summary>
    public int? MaxEpochs { get; set; }
    public int? HiddenSize { get; set; }
    public int? DenseSize { get; set; }

    public ForecastOptions ToForecastOptions()
    {
        var defaults = new ForecastOptions();
        return defaults with
        {
            MaxEpochs = MaxEpochs ?? defaults.MaxEpochs,
            HiddenSize = HiddenSize ?? defaults.HiddenSize,
            DenseSize = DenseSize ?? defaults.DenseSize,
        };
    }
}
