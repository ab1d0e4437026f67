namespace FunnelDashboard.ML.Forecasting;

/// <summary>What the registry records about one stored model version.</summary>
/// <param name="MissingDays">Unknown days in the training data (never trained on or scored).</param>
/// <param name="IsGood">Training converged to finite losses and finite held-out metrics; only good versions are served.</param>
/// <param name="Name">The name it was given (unique within its series), or null.</param>
/// <param name="CreatedBy">Who started the training (a user, an API key, "schedule"), or null for versions from before it was recorded.</param>
/// <param name="Decision">Why it was, or was not, activated when trained (e.g. it did not beat the active version).</param>
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
    bool IsGood,
    string? Name = null,
    string? CreatedBy = null,
    string? Decision = null);
