using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

public class ForecastingTests
{
    [Fact]
    public void From_points_zero_fills_missing_dates_and_adds_up_same_day_points()
    {
        var series = DailySeries.FromPoints([(new DateOnly(2025, 1, 3), 5), (new DateOnly(2025, 1, 1), 2), (new DateOnly(2025, 1, 3), 1)]);

        Assert.Equal(new DateOnly(2025, 1, 1), series.Start);
        Assert.Equal(new DateOnly(2025, 1, 3), series.End);
        Assert.Equal([2f, 0f, 6f], series.Values);
    }

    [Fact]
    public void Training_rejects_fewer_than_30_days_and_names_the_count()
    {
        var error = Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(SeriesGenerator.Generate(29, 1), QuickTraining.Options));

        Assert.Contains("at least 30 days", error.Message);
        Assert.Contains("has 29", error.Message);
    }

    [Fact]
    public void Training_rejects_out_of_range_options_by_name()
    {
        var series = SeriesGenerator.Generate(60, 1);

        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(series, new ForecastOptions { BatchSize = 0 })).Message);
        Assert.Contains("HiddenSize", Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(series, new ForecastOptions { HiddenSize = 0 })).Message);
    }

    [Fact]
    public void Training_works_on_the_minimum_of_30_days()
    {
        var result = ForecastTrainer.Train(SeriesGenerator.Generate(30, 1), QuickTraining.Options);

        Assert.True(result.Evaluation.Origins >= 1);
        Assert.True(result.IsGood);
    }

    [Fact]
    public void Training_is_bit_identical_for_the_same_seed_and_differs_for_another()
    {
        byte[] Train(int seed)
        {
            var stream = new MemoryStream();
            ForecastModelFile.Save(ForecastTrainer.Train(SeriesGenerator.Generate(120, 1), QuickTraining.Options with { Seed = seed }).Model, stream);
            return stream.ToArray();
        }

        Assert.Equal(Train(7), Train(7));
        Assert.NotEqual(Train(7), Train(8));
    }

    [Fact]
    public void Predict_returns_the_horizon_days_after_the_history()
    {
        var history = SeriesGenerator.Generate(120, 1);
        var model = QuickTraining.Train().Model;

        var forecast = model.Predict(history);

        Assert.Equal(history.End.AddDays(1), forecast.Start);
        Assert.Equal(7, forecast.Length);
        Assert.All(forecast.Values, v => Assert.True(float.IsFinite(v) && v >= 0));
        Assert.Throws<ArgumentException>(() => model.Predict(history.Slice(0, 6)));
    }

    [Fact]
    public void Scaler_is_fitted_on_the_training_part_only()
    {
        var series = SeriesGenerator.Generate(200, 1);
        series.Values[^1] = 1e6f; // a spike in the held-out tail must not leak into the scaling

        var result = ForecastTrainer.Train(series, QuickTraining.Options);

        Assert.True(result.Model.Scaler.Max < 1e5f);
    }

    [Fact]
    public void Splits_never_share_target_days_and_end_with_the_test_tail()
    {
        var options = new ForecastOptions();
        var split = ForecastSplit.Create(365, options);

        Assert.Equal(split.Training[^1] + options.Horizon, split.LastTrainingDay);
        Assert.True(split.Validation[0] > split.LastTrainingDay - 1);
        Assert.True(split.Test[0] >= split.Validation[^1] + options.Horizon);
        Assert.Equal(364, split.Test[^1] + options.Horizon);
        Assert.Equal(options.TestDays - options.Horizon + 1, split.Test.Length);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_same_weekday_of_the_last_observed_week()
    {
        float[] values = Enumerable.Range(0, 20).Select(i => (float)i).ToArray();

        Assert.Equal(7f, Baselines.SeasonalNaive(values, origin: 13, step: 1));
        Assert.Equal(13f, Baselines.SeasonalNaive(values, origin: 13, step: 7));
        Assert.Equal(7f, Baselines.SeasonalNaive(values, origin: 13, step: 8));
        Assert.Equal(13f, Baselines.Naive(values, origin: 13, step: 5));
    }

    [Fact]
    public void Metrics_match_hand_computed_values_and_mape_skips_zero_actuals()
    {
        var metrics = ForecastMetrics.Compute([0f, 10f, 20f], [1f, 12f, 17f]);

        Assert.Equal((1 + 4 + 9) / 3.0, metrics.Mse, 10);
        Assert.Equal(2.0, metrics.Mae, 10);
        Assert.Equal(Math.Sqrt(14 / 3.0), metrics.Rmse, 10);
        Assert.Equal(100 * (0.2 + 0.15) / 2, metrics.Mape, 10);
        Assert.Equal(1 - 14 / 200.0, metrics.R2, 10);
        Assert.Equal(1, metrics.ZeroActualsSkipped);
    }
}
