namespace FunnelDashboard.ML.Forecasting;

/// <summary>The hyper-parameters that fix a forecaster's shape; saved with its weights.</summary>
/// <param name="AnchorWeeks">Weeks of weekday profile (their median) in the anchor the network's residuals are added to.</param>
public sealed record ForecastArchitecture(int InputDays, int Horizon, int HiddenSize, int LstmLayers, int DenseSize, float Dropout, int AnchorWeeks)
{
    public static ForecastArchitecture From(ForecastOptions options) =>
        new(options.InputDays, options.Horizon, options.HiddenSize, options.LstmLayers, options.DenseSize, options.Dropout, options.AnchorWeeks);

    /// <summary>Days of history a forecast needs: the input window, and a full week for the seasonal baseline.</summary>
    public int MinimumHistory => Math.Max(InputDays, 7);

    /// <summary>Sizes from 1 to this; larger is surely a mistake (or a corrupt file) for one daily series.</summary>
    public const int MaximumSize = 4096;

    /// <exception cref="ArgumentException">A size is outside [1, <see cref="MaximumSize"/>] or dropout outside [0, 1).</exception>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(InputDays), InputDays), (nameof(Horizon), Horizon),
                     (nameof(HiddenSize), HiddenSize), (nameof(LstmLayers), LstmLayers), (nameof(DenseSize), DenseSize), (nameof(AnchorWeeks), AnchorWeeks) })
            if (value is < 1 or > MaximumSize)
                throw new ArgumentException($"{name} must be between 1 and {MaximumSize}, got {value}.");
        if (Dropout is < 0f or >= 1f) throw new ArgumentException($"Dropout must be in [0, 1), got {Dropout}.");
    }
}
