namespace FunnelDashboard.ML.Forecasting;

/// <summary>Architecture and training settings of one forecaster; the defaults suit a year or two of daily visits.</summary>
public sealed record ForecastOptions
{

    /// <summary>Days of history the network reads for one forecast.</summary>
    public int InputDays { get; init; } = 28;

    /// <summary>Days predicted at once (direct multi-output).</summary>
    public int Horizon { get; init; } = 7;

    /// <summary>Weeks over which the anchor the network corrects takes the median of each weekday's deviation from its
    /// week's level (the level itself is the last 7 days'); 1 makes it a residual over seasonal naive.</summary>
    public int AnchorWeeks { get; init; } = 4;

    public int HiddenSize { get; init; } = 16;
    public int LstmLayers { get; init; } = 2;
    public int DenseSize { get; init; } = 32;
    public float Dropout { get; init; } = 0.1f;

    public int MaxEpochs { get; init; } = 150;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Epochs without a better validation loss before training stops and the best weights come back.</summary>
    public int Patience { get; init; } = 15;

    public float ClipNorm { get; init; } = 1f;

    /// <summary>Share of the days before the test tail whose targets validate (chronologically last).</summary>
    public float ValidationFraction { get; init; } = 0.15f;

    /// <summary>Days at the end held out of training; metrics come from forecasts whose targets fall inside them.</summary>
    public int TestDays { get; init; } = 28;

    public int Seed { get; init; } = 42;

    /// <summary>Fewer days than this cannot be split into inputs, then training, validation and test targets.</summary>
    public int MinimumDays => InputDays + 3 * Horizon;

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ForecastArchitecture.From(this).Validate();
        Require(MaxEpochs >= 1, nameof(MaxEpochs), MaxEpochs);
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize);
        Require(Patience >= 1, nameof(Patience), Patience);
        Require(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate);
        Require(ClipNorm > 0, nameof(ClipNorm), ClipNorm);
        Require(ValidationFraction is >= 0f and < 1f, nameof(ValidationFraction), ValidationFraction);
        Require(TestDays >= Horizon, nameof(TestDays), TestDays);
    }

    private static void Require(bool valid, string name, object value)
    {
        if (!valid) throw new ArgumentException($"ForecastOptions.{name} = {value} is out of range.");
    }
}
