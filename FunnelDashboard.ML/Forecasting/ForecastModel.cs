using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>A trained forecaster for one series. Thread-safe: concurrent predictions take turns.</summary>
public sealed class ForecastModel
{
    private readonly Lock _gate = new();

    internal ForecastModel(ForecastArchitecture architecture, ForecastNetwork network, ForecastIntervals intervals)
    {
        Architecture = architecture;
        Network = network;
        Intervals = intervals;
    }

    public ForecastArchitecture Architecture { get; }
    public ForecastIntervals Intervals { get; }
    internal ForecastNetwork Network { get; }

    /// <summary>The <see cref="ForecastArchitecture.Horizon"/> days after the last day of <paramref name="history"/>, with intervals.</summary>
    /// <exception cref="ArgumentException">The history is shorter than <see cref="ForecastArchitecture.MinimumHistory"/> or has no known day.</exception>
    public IReadOnlyList<ForecastDay> Forecast(DailySeries history)
    {
        if (history.Length < Architecture.MinimumHistory)
            throw new ArgumentException(
                $"A forecast needs at least {Architecture.MinimumHistory} days of history; got {history.Length}.", nameof(history));
        var features = new ForecastFeatures(history, Architecture.AnchorWeeks);
        int origin = history.Length - 1;
        var logs = PredictLogAt(features, [origin]).Row(0);
        var days = new ForecastDay[logs.Length];
        for (int s = 0; s < logs.Length; s++)
        {
            float log = logs[s];
            days[s] = new ForecastDay(history.End.AddDays(s + 1), ForecastFeatures.ToVisits(log),
                ForecastFeatures.ToVisits(log + Intervals.Lower80[s]), ForecastFeatures.ToVisits(log + Intervals.Upper80[s]),
                ForecastFeatures.ToVisits(log + Intervals.Lower95[s]), ForecastFeatures.ToVisits(log + Intervals.Upper95[s]));
        }
        return days;
    }

    /// <summary>The point forecasts of <see cref="Forecast"/> as a series.</summary>
    public DailySeries Predict(DailySeries history) =>
        new(history.End.AddDays(1), Forecast(history).Select(day => day.Value).ToArray());

    /// <summary>One row of forecasts in log space per origin (index of the last observed day).</summary>
    internal Matrix PredictLogAt(ForecastFeatures features, IReadOnlyList<int> origins)
    {
        Matrix output;
        lock (_gate) output = Network.Forward(features.Inputs(origins, Architecture.InputDays), training: false);
        for (int r = 0; r < origins.Count; r++)
        {
            var row = output.Row(r);
            for (int step = 0; step < row.Length; step++) row[step] = features.ToLog(origins[r], step + 1, row[step]);
        }
        return output;
    }
}
