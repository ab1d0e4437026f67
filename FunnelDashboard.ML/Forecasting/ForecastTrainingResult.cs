namespace FunnelDashboard.ML.Forecasting;

/// <summary>A trained model, how it scored on the held-out tail, and what it was trained on.</summary>
public sealed record ForecastTrainingResult(
    ForecastModel Model,
    ForecastEvaluation Evaluation,
    ForecastOptions Options,
    DateOnly DataStart,
    DateOnly DataEnd,
    int Epochs,
    int BestEpoch,
    float BestValidationLoss)
{
    /// <summary>Good enough to serve: training converged to finite losses and finite held-out metrics.</summary>
    public bool IsGood => float.IsFinite(BestValidationLoss) && Evaluation.Lstm.IsFinite;
}
