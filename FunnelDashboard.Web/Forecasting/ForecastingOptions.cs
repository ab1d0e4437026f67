using System.ComponentModel.DataAnnotations;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// The "Forecasting" configuration section (environment: Forecasting__ModelDirectory, Forecasting__KeepVersions, ...),
/// validated when the app starts: a wrong value stops it with a message naming the setting.
/// </summary>
public sealed class ForecastingOptions
{
    public const string Section = "Forecasting";

    /// <summary>Where the model registry keeps its versions; relative paths are under the app's content root.</summary>
    [Required]
    public string ModelDirectory { get; set; } = Path.Combine("data", "models");

    /// <summary>Train in the background once the data is loaded when no usable model exists yet, so a new user sees a forecast.</summary>
    public bool TrainOnStart { get; set; } = true;

    /// <summary>Versions kept per series; older ones are deleted after each training, never the active one.</summary>
    [Range(1, 1000)]
    public int KeepVersions { get; set; } = 10;

    /// <summary>Train on the last this many days only; null: all the data.</summary>
    [Range(1, 100_000)]
    public int? DaysBack { get; set; }

    /// <summary>Overrides of the forecaster's defaults (e.g. a smaller, quicker network in tests); null keeps the default.</summary>
    [Range(1, 100_000)] public int? MaxEpochs { get; set; }
    [Range(1, 1024)] public int? HiddenSize { get; set; }
    [Range(1, 1024)] public int? DenseSize { get; set; }
    [Range(7, 365)] public int? InputDays { get; set; }
    [Range(1, 28)] public int? Horizon { get; set; }
    [Range(1, 10_000)] public int? BatchSize { get; set; }

    /// <summary>When retraining runs by itself; off unless set.</summary>
    public RetrainScheduleOptions RetrainSchedule { get; set; } = new();

    public ForecastOptions ToForecastOptions()
    {
        var defaults = new ForecastOptions();
        return defaults with
        {
            MaxEpochs = MaxEpochs ?? defaults.MaxEpochs,
            HiddenSize = HiddenSize ?? defaults.HiddenSize,
            DenseSize = DenseSize ?? defaults.DenseSize,
            InputDays = InputDays ?? defaults.InputDays,
            Horizon = Horizon ?? defaults.Horizon,
            BatchSize = BatchSize ?? defaults.BatchSize,
        };
    }
}

/// <summary>
/// Forecasting:RetrainSchedule: retrain every day at <see cref="DailyAt"/> (UTC, "02:30"), and/or once the data has
/// <see cref="AfterNewDays"/> days more than the served total model was trained on. Both queue the same job as the
/// admin page; the new versions are activated only where they beat the active ones.
/// </summary>
public sealed class RetrainScheduleOptions
{
    public TimeOnly? DailyAt { get; set; }

    [Range(1, 3650)]
    public int? AfterNewDays { get; set; }

    /// <summary>How often the data is checked for new days.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(10);

    public bool IsOn => DailyAt is not null || AfterNewDays is not null;
}
