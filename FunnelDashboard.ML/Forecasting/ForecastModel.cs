using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>A trained forecaster for one series. Thread-safe: concurrent predictions take turns.</summary>
public sealed class ForecastModel
{
    private readonly Lock _gate = new();

    internal ForecastModel(ForecastArchitecture architecture, MinMaxScaler scaler, ForecastNetwork network)
    {
        Architecture = architecture;
        Scaler = scaler;
        Network = network;
    }

    public ForecastArchitecture Architecture { get; }
    public MinMaxScaler Scaler { get; }
    internal ForecastNetwork Network { get; }

    /// <summary>Forecasts the <see cref="ForecastArchitecture.Horizon"/> days after the last day of <paramref name="history"/>.</summary>
    public DailySeries Predict(DailySeries history)
    {
        if (history.Length < Architecture.MinimumHistory)
            throw new ArgumentException(
                $"A forecast needs at least {Architecture.MinimumHistory} days of history; got {history.Length}.", nameof(history));
        var forecast = PredictAt(new ForecastFeatures(history, Scaler), [history.Length - 1]);
        return new DailySeries(history.End.AddDays(1), forecast.Row(0).ToArray());
    }

    /// <summary>One row of forecasts in visits per origin (index of the last observed day).</summary>
    internal Matrix PredictAt(ForecastFeatures features, IReadOnlyList<int> origins)
    {
        Matrix output;
        lock (_gate) output = Network.Forward(features.Inputs(origins, Architecture.InputDays), training: false);
        for (int r = 0; r < origins.Count; r++)
        {
            var row = output.Row(r);
            for (int step = 0; step < row.Length; step++) row[step] = features.ToVisits(origins[r], row[step]);
        }
        return output;
    }
}
