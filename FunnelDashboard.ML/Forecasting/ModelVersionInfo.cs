namespace FunnelDashboard.ML.Forecasting;

/// <summary>What the registry records about one stored model version.</summary>
/// <param name="MissingDays">Unknown days in the training data (never trained on or scored).</param>
/// <param name="IsGood">Training converged to finite losses and finite held-out metrics; only good versions are served.</param>
public sealed record ModelVersionInfo(
    string SeriesKey,
    int Version,
    DateTimeOffset CreatedUtc,
    DateOnly DataStart,
    DateOnly DataEnd,
    int MissingDays,
    ForecastOptions Options,
    ForecastEvaluation Evaluation,
    int Epochs,
    int BestEpoch,
    float BestValidationLoss,
    bool IsGood);
