namespace FunnelDashboard.ML.Recommendation;

/// <summary>Hyper-parameters of <see cref="TwoTowerTrainer"/>.</summary>
public sealed record TwoTowerOptions
{
    public int Dimensions { get; init; } = 64;
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 256;
    public float LearningRate { get; init; } = 0.005f;

    /// <summary>Weight of the mean squared length of the batch's user and item embeddings added to the loss.</summary>
    public float L2 { get; init; } = 0.05f;

    /// <summary>Subtract log Q(item) from in-batch logits: popular items are in-batch negatives more often than the softmax over all items would weigh them.</summary>
    public bool LogQCorrection { get; init; } = true;

    /// <summary>
    /// Update the id embeddings only in the rows a batch used (lazy Adam): a step then costs the batch, not the
    /// whole table, which matters with many users and few items per batch.
    /// </summary>
    public bool LazyIdUpdates { get; init; }

    public int Seed { get; init; } = 1;

    internal void Validate()
    {
        if (Dimensions < 1) throw new ArgumentOutOfRangeException(nameof(Dimensions), Dimensions, "At least 1.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "At least 1.");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "At least 2: the other pairs of a batch are the negatives.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Positive.");
        if (!(L2 >= 0)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "Zero or positive.");
    }
}
