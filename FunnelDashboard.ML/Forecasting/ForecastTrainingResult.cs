namespace FunnelDashboard.ML.Forecasting;

/// <summary>A trained model, how it scored on the held-out tail, what it was trained on, and its per-epoch log.</summary>
/// <param name="MissingDays">Unknown days in the data (never trained on or scored).</param>
public sealed record ForecastTrainingResult(
    ForecastModel Model,
    ForecastEvaluation Evaluation,
    ForecastOptions Options,
    DateOnly DataStart,
    DateOnly DataEnd,
    int MissingDays,
    int Epochs,
    int BestEpoch,
    float BestValidationLoss,
    IReadOnlyList<TrainingProgress> Log)
{
    /// <summary>Good enough to serve: training converged to finite losses and finite held-out metrics.</summary>
    public bool IsGood => float.IsFinite(BestValidationLoss) && Evaluation.Lstm.IsFinite;
}
