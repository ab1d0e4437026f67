using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

public class ForecastingTests
{
    [Fact]
    public void From_points_leaves_missing_dates_unknown_and_adds_up_same_day_points()
    {
        var series = DailySeries.FromPoints([(new DateOnly(2025, 1, 3), 5), (new DateOnly(2025, 1, 1), 2), (new DateOnly(2025, 1, 3), 1)]);

        Assert.Equal(new DateOnly(2025, 1, 1), series.Start);
        Assert.Equal(new DateOnly(2025, 1, 3), series.End);
        Assert.Equal([2f, float.NaN, 6f], series.Values);
        Assert.Equal(1, series.MissingDays);
    }

    [Fact]
    public void Gap_filling_takes_the_same_weekday_a_week_earlier_else_the_nearest_known_day()
    {
        float n = float.NaN;
        float[] values = [n, 2, 3, n, 5, 6, 7, 8, n, 10, n];

        Assert.Equal([2f, 2, 3, 3, 5, 6, 7, 8, 2, 10, 3], GapFilling.Fill(values));
        Assert.True(float.IsNaN(values[0])); // the series itself stays unknown
    }

    [Fact]
    public void Training_rejects_fewer_than_the_input_days_and_three_horizons_and_names_the_count()
    {
        var error = Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(SeriesGenerator.Generate(48, 1), QuickTraining.Options));

        Assert.Contains("at least 49 days", error.Message);
        Assert.Contains("has 48", error.Message);
    }

    [Fact]
    public void Training_rejects_out_of_range_options_by_name()
    {
        var series = SeriesGenerator.Generate(60, 1);

        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(series, new ForecastOptions { BatchSize = 0 })).Message);
        Assert.Contains("HiddenSize", Assert.Throws<ArgumentException>(() => ForecastTrainer.Train(series, new ForecastOptions { HiddenSize = 0 })).Message);
    }

    [Fact]
    public void Training_works_on_the_minimum_of_49_days()
    {
        var result = ForecastTrainer.Train(SeriesGenerator.Generate(49, 1), QuickTraining.Options);

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
    public void Unknown_days_are_never_scored_and_are_counted()
    {
        var series = SeriesGenerator.Generate(200, 1);
        int unknown = series.Length - 10; // inside the 28-day test tail, a full horizon from either end
        series.Values[unknown] = float.NaN;

        var evaluation = ForecastTrainer.Train(series, QuickTraining.Options).Evaluation;

        Assert.Equal(1, evaluation.UnknownDays);
        Assert.Equal(27, evaluation.ScoredDays);
        Assert.Equal(evaluation.Origins * 7 - 7, evaluation.Lstm.Count); // every origin forecasting it skips that one day
        Assert.Equal(evaluation.Lstm.Count, evaluation.SeasonalNaive.Count);
        Assert.True(double.IsFinite(evaluation.Lstm.Mape) && double.IsFinite(evaluation.SeasonalNaive.Rmse));
    }

    [Fact]
    public void Forecast_intervals_nest_around_the_point_forecast_and_are_scored_for_coverage()
    {
        var result = ForecastTrainer.Train(SeriesGenerator.Generate(200, 3), QuickTraining.Options);

        var days = result.Model.Forecast(SeriesGenerator.Generate(200, 3));

        Assert.All(days, d => Assert.True(d.Lower95 <= d.Lower80 && d.Lower80 <= d.Value && d.Value <= d.Upper80 && d.Upper80 <= d.Upper95, d.ToString()));
        Assert.All(days, d => Assert.True(d.Upper95 > d.Lower95, d.ToString()));
        Assert.InRange(result.Evaluation.Coverage80, 0, result.Evaluation.Coverage95);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        float[] values = [4, 1, 3, 2, 5];

        Assert.Equal(1f, ForecastIntervals.Quantile(values, 0));
        Assert.Equal(3f, ForecastIntervals.Quantile(values, 0.5));
        Assert.Equal(4.6f, ForecastIntervals.Quantile(values, 0.9), 5);
    }

    [Fact]
    public void Training_keeps_a_log_line_per_epoch_with_the_learning_rate_used()
    {
        var result = ForecastTrainer.Train(SeriesGenerator.Generate(120, 1), QuickTraining.Options);

        Assert.Equal(result.Epochs, result.Log.Count);
        Assert.Equal(Enumerable.Range(1, result.Epochs), result.Log.Select(e => e.Epoch));
        Assert.Equal(QuickTraining.Options.LearningRate, result.Log[0].LearningRate);
        Assert.All(result.Log, e => Assert.True(float.IsFinite(e.TrainingLoss) && float.IsFinite(e.ValidationLoss)));
    }

    [Fact]
    public void Rolling_backtest_forecasts_every_origin_of_the_last_days_and_retrains_every_n()
    {
        var series = SeriesGenerator.Generate(150, 2);

        var result = RollingBacktest.Run(series, QuickTraining.Options, days: 56, retrainEvery: 14);

        Assert.Equal(56, result.Days);
        Assert.Equal(50, result.Evaluation.Origins); // every origin whose 7 days fall in the last 56
        Assert.Equal(4, result.Retrains);            // 14 + 14 + 14 + 8 origins
        Assert.Equal(56, result.Evaluation.ScoredDays);
        Assert.Equal(series.DateAt(94), result.Evaluation.TestStart);
        Assert.Equal(series.End, result.Evaluation.TestEnd);
        Assert.Equal(50 * 7, result.Evaluation.Lstm.Count);
    }

    [Fact]
    public void Splits_never_share_target_days_and_end_with_the_test_tail()
    {
        var options = new ForecastOptions();
        var split = ForecastSplit.Create(365, options, options.TestDays);

        Assert.True(split.Validation[0] >= split.Training[^1] + options.Horizon);
        Assert.True(split.Test[0] >= split.Validation[^1] + options.Horizon);
        Assert.Equal(364, split.Test[^1] + options.Horizon);
        Assert.Equal(options.TestDays - options.Horizon + 1, split.Test.Length);
        Assert.Empty(ForecastSplit.Create(365, options, testDays: 0).Test);
    }

    [Fact]
    public void Anchor_is_the_last_weeks_level_plus_the_weekdays_profile_so_it_follows_a_drop_and_damps_a_spike()
    {
        // In log space: two weeks at level 5 (weekdays 5.2, weekends 4.5), then a week at level 4 (4.2 and 3.5) whose
        // Monday, day 14, spikes to 4.9. The origin is the last day, a Sunday.
        float[] log = [5.2f, 5.2f, 5.2f, 5.2f, 5.2f, 4.5f, 4.5f, 5.2f, 5.2f, 5.2f, 5.2f, 5.2f, 4.5f, 4.5f,
                       4.9f, 4.2f, 4.2f, 4.2f, 4.2f, 3.5f, 3.5f];
        var series = new DailySeries(new DateOnly(2024, 1, 1), log.Select(l => MathF.Exp(l) - 1).ToArray());
        var twoWeeks = new ForecastFeatures(series, anchorWeeks: 2);

        // Level 4 + 0.7 / 7 = 4.1; Monday's profile: median (mean) of 4.9 - 4.1 and 5.2 - 5 (the week before's level) = 0.5.
        Assert.Equal(4.6f, twoWeeks.ToLog(origin: 20, step: 1, output: 0), 4);
        // Saturday's profile: median of 3.5 - 4.1 and 4.5 - 5 = -0.55.
        Assert.Equal(3.55f, twoWeeks.ToLog(origin: 20, step: 6, output: 0), 4);
        Assert.Equal(4.6f + 0.25f, twoWeeks.ToLog(origin: 20, step: 8, output: 0.25f), 4);
        // Over three weeks the median leaves the spike out: Monday's profile is the median of 0.8, 0.2 and 0.2.
        Assert.Equal(4.3f, new ForecastFeatures(series, anchorWeeks: 3).ToLog(origin: 20, step: 1, output: 0), 4);
        // One week is seasonal naive: the spike itself.
        Assert.Equal(4.9f, new ForecastFeatures(series, anchorWeeks: 1).ToLog(origin: 20, step: 1, output: 0), 4);
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
