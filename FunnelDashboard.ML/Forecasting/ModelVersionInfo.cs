namespace FunnelDashboard.ML.Forecasting;

/// <summary>What the registry records about one stored model version.</summary>
/// <param name="IsGood">Training converged to finite losses and finite held-out metrics; only good versions are served.</param>
public sealed record ModelVersionInfo(
    string SeriesKey,
    int Version,
    DateTimeOffset CreatedUtc,
    DateOnly DataStart,
    DateOnly DataEnd,
    ForecastOptions Options,
    ForecastEvaluation Evaluation,
    int Epochs,
    int BestEpoch,
    float BestValidationLoss,
    bool IsGood);
