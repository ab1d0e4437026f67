namespace FunnelDashboard.ML.Forecasting;

/// <summary>Reported after each epoch. Losses are mean squared errors in scaled units.</summary>
public sealed record TrainingProgress(int Epoch, int MaxEpochs, float TrainingLoss, float ValidationLoss, float LearningRate);
