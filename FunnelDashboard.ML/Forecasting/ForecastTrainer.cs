using FunnelDashboard.ML.Training;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Trains one forecaster per series (a page, or the site total) and scores it on a held-out tail.</summary>
public static class ForecastTrainer
{
    /// <summary>
    /// Splits the series chronologically (training, validation, test tail), fits the scaler on the training part,
    /// trains with Adam, plateau learning-rate decay, global-norm clipping and early stopping on validation loss
    /// (restoring the best weights), then scores the model and both baselines on the test tail.
    /// The same series, options and seed give a bit-identical model.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The series has fewer than <see cref="ForecastOptions.MinimumDays"/> days, or an option is out of range.
    /// </exception>
    public static ForecastTrainingResult Train(DailySeries series, ForecastOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ForecastOptions();
        options.Validate();
        if (series.Length < ForecastOptions.MinimumDays)
            throw new ArgumentException(
                $"Forecasting needs at least {ForecastOptions.MinimumDays} days of data; the series has {series.Length}.", nameof(series));

        var split = ForecastSplit.Create(series.Length, options);
        var scaler = MinMaxScaler.Fit(series.Values.AsSpan(0, split.LastTrainingDay + 1));
        var features = new ForecastFeatures(series, scaler);
        var random = new Random(options.Seed);
        var architecture = ForecastArchitecture.From(options);
        var network = new ForecastNetwork(architecture, random);

        var optimizer = new Adam(network.Parameters, options.LearningRate);
        var schedule = new ReduceOnPlateau(factor: 0.5f, patience: Math.Max(1, options.Patience / 3), minimumRate: options.LearningRate / 64);
        var stopping = new EarlyStopping(network.Parameters, options.Patience);
        var validationInputs = features.Inputs(split.Validation, options.InputDays);
        var validationTargets = features.Targets(split.Validation, options.Horizon);

        int epochs = 0;
        while (epochs < options.MaxEpochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float trainingLoss = TrainEpoch(network, optimizer, features, split.Training, options, random);
            float validationLoss = Losses.MeanSquaredError(network.Forward(validationInputs, training: false), validationTargets).Value;
            epochs++;
            progress?.Report(new TrainingProgress(epochs, options.MaxEpochs, trainingLoss, validationLoss, optimizer.LearningRate));
            if (stopping.ShouldStop(epochs, validationLoss)) break;
            optimizer.LearningRate = schedule.Next(validationLoss, optimizer.LearningRate);
        }
        stopping.RestoreBest();

        var model = new ForecastModel(architecture, scaler, network);
        return new ForecastTrainingResult(model, ForecastEvaluator.Evaluate(model, features, split.Test), options,
            series.Start, series.End, epochs, stopping.BestEpoch, stopping.BestLoss);
    }

    /// <summary>One pass over the shuffled training origins in mini-batches; returns the mean batch loss.</summary>
    private static float TrainEpoch(ForecastNetwork network, Adam optimizer, ForecastFeatures features, int[] origins,
        ForecastOptions options, Random random)
    {
        var order = (int[])origins.Clone();
        random.Shuffle(order);
        double lossSum = 0;
        int batches = 0;
        foreach (var batch in order.Chunk(options.BatchSize))
        {
            optimizer.ZeroGradients();
            var prediction = network.Forward(features.Inputs(batch, options.InputDays), training: true);
            var loss = Losses.MeanSquaredError(prediction, features.Targets(batch, options.Horizon));
            network.Backward(loss.Gradient);
            GradientClipping.ClipGlobalNorm(network.Parameters, options.ClipNorm);
            optimizer.Step();
            lossSum += loss.Value;
            batches++;
        }
        return (float)(lossSum / batches);
    }
}
