using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

/// <summary>
/// The forecaster must be worth having: on noisy weekly series it must beat the seasonal-naive baseline (held-out
/// MAPE) on most of them, on long histories and on the 120 days the seeded app trains on. Small epochs keep this
/// quick; the CLI reports the full-size numbers.
/// </summary>
public class ForecastQualityTests
{
    [Theory]
    [InlineData(450)]
    // The length of the seeded app's data (2015-01-01 to 2015-04-30).
    [InlineData(120)]
    public void Lstm_beats_seasonal_naive_on_most_generated_series(int days)
    {
        int[] seeds = [11, 12, 13, 14, 15];
        var options = new ForecastOptions { MaxEpochs = 60, Patience = 10 };

        var results = seeds.AsParallel().AsOrdered()
            .Select(seed => ForecastTrainer.Train(SeriesGenerator.Generate(days, seed), options with { Seed = seed }).Evaluation)
            .ToList();

        int wins = results.Count(e => e.Lstm.Mape < e.SeasonalNaive.Mape);
        string report = string.Join("; ", results.Select((e, i) => $"seed {seeds[i]}: lstm {e.Lstm.Mape:F2}% vs {e.SeasonalNaive.Mape:F2}%"));
        Assert.True(wins > seeds.Length / 2, $"LSTM beat seasonal naive on {wins} of {seeds.Length}: {report}");
    }
}
