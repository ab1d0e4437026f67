namespace FunnelDashboard.ML.Forecasting;

/// <summary>Reported after each epoch, and kept as the training log. Losses are mean squared errors in log space;
/// <see cref="LearningRate"/> is the rate the epoch was trained with.</summary>
public sealed record TrainingProgress(int Epoch, int MaxEpochs, float TrainingLoss, float ValidationLoss, float LearningRate);
