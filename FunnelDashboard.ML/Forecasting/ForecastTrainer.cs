using FunnelDashboard.ML.Training;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>Trains one forecaster per series (a page, or the site total) and scores it on a held-out tail.</summary>
public static class ForecastTrainer
{
    /// <summary>
    /// Splits the series chronologically (training, validation, test tail), trains on the training part (see
    /// <see cref="Fit"/>), then scores the model and both baselines on the test tail, which nothing was fitted or chosen on.
    /// The same series, options and seed give a bit-identical model.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The series has fewer than <see cref="ForecastOptions.MinimumDays"/> days or too few known ones, or an option is out of range.
    /// </exception>
    public static ForecastTrainingResult Train(DailySeries series, ForecastOptions? options = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ForecastOptions();
        options.Validate();
        RequireLength(series, options);
        var features = new ForecastFeatures(series, options.AnchorWeeks);
        var split = ForecastSplit.Create(series.Length, options, options.TestDays);
        var fitted = Fit(features, split, options, progress, cancellationToken);
        var scorer = new ForecastScorer();
        scorer.Add(fitted.Model, features, split.Test);
        return new ForecastTrainingResult(fitted.Model, scorer.Result(features.DateAt), options,
            series.Start, series.End, series.MissingDays, fitted.Log.Count, fitted.BestEpoch, fitted.BestValidationLoss, fitted.Log);
    }

    /// <summary>
    /// Scores an already trained model (e.g. the one being served) on the held-out days that <see cref="Train"/> with
    /// <paramref name="options"/> would score a new model on, so the two can be compared on the same days.
    /// </summary>
    /// <exception cref="ArgumentException">The series is too short for the options, or nothing could be scored.</exception>
    public static ForecastEvaluation Score(ForecastModel model, DailySeries series, ForecastOptions options)
    {
        RequireLength(series, options);
        var features = new ForecastFeatures(series, model.Architecture.AnchorWeeks);
        var split = ForecastSplit.Create(series.Length, options, options.TestDays);
        // Every forecast of the model must end inside the series, whatever horizon it was trained for.
        var origins = split.Test.Where(o => o + model.Architecture.Horizon < series.Length && o + 1 >= model.Architecture.MinimumHistory).ToArray();
        var scorer = new ForecastScorer();
        scorer.Add(model, features, origins);
        return scorer.Result(features.DateAt);
    }

    internal static void RequireLength(DailySeries series, ForecastOptions options)
    {
        if (series.Length < options.MinimumDays)
            throw new ArgumentException(
                $"Forecasting needs at least {options.MinimumDays} days of data ({options.InputDays} input days and three horizons); " +
                $"the series has {series.Length}.", nameof(series));
    }

    internal sealed record Fitted(ForecastModel Model, IReadOnlyList<TrainingProgress> Log, int BestEpoch, float BestValidationLoss);

    /// <summary>
    /// Trains on the split's training origins with Adam, plateau learning-rate decay, global-norm clipping and early
    /// stopping on the validation origins' loss (restoring the best weights: the model is chosen on validation data
    /// only); then takes the prediction intervals from the validation residuals. Origins with an unknown target day
    /// are left out of both.
    /// </summary>
    internal static Fitted Fit(ForecastFeatures features, ForecastSplit split, ForecastOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        int horizon = options.Horizon;
        var training = split.Training.Where(o => features.TargetsKnown(o, horizon)).ToArray();
        var validation = split.Validation.Where(o => features.TargetsKnown(o, horizon)).ToArray();
        if (training.Length == 0 || validation.Length == 0)
            throw new ArgumentException(
                $"Too few known days: {training.Length} training and {validation.Length} validation forecasts have every target day known.");

        var random = new Random(options.Seed);
        var architecture = ForecastArchitecture.From(options);
        var network = new ForecastNetwork(architecture, random);
        var optimizer = new Adam(network.Parameters, options.LearningRate);
        var schedule = new ReduceOnPlateau(factor: 0.5f, patience: Math.Max(1, options.Patience / 3), minimumRate: options.LearningRate / 64);
        var stopping = new EarlyStopping(network.Parameters, options.Patience);
        var validationInputs = features.Inputs(validation, options.InputDays);
        var validationTargets = features.Targets(validation, horizon);

        // Epoch 0 is the anchor alone (the output layer starts at zero): training must beat it on validation to be kept.
        stopping.ShouldStop(0, Losses.MeanSquaredError(network.Forward(validationInputs, training: false), validationTargets).Value);
        var log = new List<TrainingProgress>();
        while (log.Count < options.MaxEpochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float learningRate = optimizer.LearningRate;
            float trainingLoss = TrainEpoch(network, optimizer, features, training, options, random);
            float validationLoss = Losses.MeanSquaredError(network.Forward(validationInputs, training: false), validationTargets).Value;
            var epoch = new TrainingProgress(log.Count + 1, options.MaxEpochs, trainingLoss, validationLoss, learningRate);
            log.Add(epoch);
            progress?.Report(epoch);
            if (stopping.ShouldStop(epoch.Epoch, validationLoss)) break;
            optimizer.LearningRate = schedule.Next(validationLoss, optimizer.LearningRate);
        }
        stopping.RestoreBest();
        var (bestEpoch, bestLoss) = (stopping.BestEpoch, stopping.BestLoss);
        if (bestEpoch > 0 && !ClearlyBeatsAnchor(network.Forward(validationInputs, training: false), validationTargets))
        {
            network.ForecastAnchor();
            (bestEpoch, bestLoss) = (0, Losses.MeanSquaredError(network.Forward(validationInputs, training: false), validationTargets).Value);
        }

        var model = new ForecastModel(architecture, network, ForecastIntervals.FromResiduals(Residuals(network, features, validation, validationInputs, validationTargets)));
        return new Fitted(model, log, bestEpoch, bestLoss);
    }

    /// <summary>
    /// Whether the network's validation loss is lower than the anchor's by more than one standard error. Consecutive
    /// origins share all but one target day, so the gain is averaged over blocks of a horizon's origins (counted back
    /// from the last) and the standard error taken across blocks; with fewer than two blocks nothing can be shown. A
    /// short series has only a handful of validation origins, where a lower loss is as likely luck as skill: the anchor
    /// (the network's zero output) is the safer forecast unless training clearly beats it.
    /// </summary>
    private static bool ClearlyBeatsAnchor(Tensors.Matrix predicted, Tensors.Matrix targets)
    {
        int horizon = targets.Cols, blocks = targets.Rows / horizon;
        if (blocks < 2) return false;
        var gains = new double[blocks];
        for (int r = targets.Rows - blocks * horizon; r < targets.Rows; r++)
            for (int s = 0; s < horizon; s++)
            {
                double error = targets[r, s] - predicted[r, s];
                gains[(r - (targets.Rows - blocks * horizon)) / horizon] += ((double)targets[r, s] * targets[r, s] - error * error) / (horizon * horizon);
            }
        double mean = gains.Average();
        double variance = gains.Sum(g => (g - mean) * (g - mean)) / (blocks - 1);
        return mean > Math.Sqrt(variance / blocks);
    }

    /// <summary>Per horizon step, target minus prediction (log space) on the given origins.</summary>
    private static List<float>[] Residuals(ForecastNetwork network, ForecastFeatures features, int[] origins,
        Tensors.Matrix[] inputs, Tensors.Matrix targets)
    {
        var predicted = network.Forward(inputs, training: false);
        var residuals = Enumerable.Range(0, targets.Cols).Select(_ => new List<float>()).ToArray();
        for (int r = 0; r < origins.Length; r++)
            for (int s = 0; s < targets.Cols; s++)
                residuals[s].Add(targets[r, s] - predicted[r, s]);
        return residuals;
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
