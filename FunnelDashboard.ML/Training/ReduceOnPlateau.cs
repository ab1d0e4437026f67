namespace FunnelDashboard.ML.Training;

/// <summary>Learning-rate schedule: multiply the rate by a factor when validation loss stops improving for a while.</summary>
public sealed class ReduceOnPlateau(float factor, int patience, float minimumRate)
{
    private float _best = float.PositiveInfinity;
    private int _epochsWithoutImprovement;

    /// <summary>Returns the learning rate to use for the next epoch.</summary>
    public float Next(float validationLoss, float currentRate)
    {
        if (validationLoss < _best)
        {
            _best = validationLoss;
            _epochsWithoutImprovement = 0;
            return currentRate;
        }
        if (++_epochsWithoutImprovement < patience) return currentRate;
        _epochsWithoutImprovement = 0;
        return MathF.Max(minimumRate, currentRate * factor);
    }
}
