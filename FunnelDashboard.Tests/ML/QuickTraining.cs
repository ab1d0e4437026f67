using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Tests.ML;

/// <summary>Tiny, fast training runs for tests that need a model but not a good one.</summary>
internal static class QuickTraining
{
    public static readonly ForecastOptions Options = new() { HiddenSize = 8, DenseSize = 8, MaxEpochs = 3 };

    public static ForecastTrainingResult Train(int seed = 1, int days = 120) =>
        ForecastTrainer.Train(SeriesGenerator.Generate(days, seed), Options with { Seed = seed });
}
