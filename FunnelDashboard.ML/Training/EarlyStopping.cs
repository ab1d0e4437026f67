using FunnelDashboard.ML.Layers;

namespace FunnelDashboard.ML.Training;

/// <summary>Remembers the weights of the best validation loss and says when patience has run out.</summary>
public sealed class EarlyStopping(IReadOnlyList<Parameter> parameters, int patience)
{
    private float[][]? _bestWeights;
    private int _epochsWithoutImprovement;

    public float BestLoss { get; private set; } = float.PositiveInfinity;
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Records one epoch's validation loss; returns true when training should stop.</summary>
    public bool ShouldStop(int epoch, float validationLoss)
    {
        if (validationLoss < BestLoss)
        {
            BestLoss = validationLoss;
            BestEpoch = epoch;
            _bestWeights = parameters.Select(p => (float[])p.Value.Data.Clone()).ToArray();
            _epochsWithoutImprovement = 0;
            return false;
        }
        return ++_epochsWithoutImprovement >= patience;
    }

    public void RestoreBest()
    {
        if (_bestWeights is null) return;
        for (int p = 0; p < parameters.Count; p++)
            _bestWeights[p].CopyTo(parameters[p].Value.Data, 0);
    }
}
