using FunnelDashboard.ML.Recommendation;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>The "SimilarUsers" configuration section (environment: SimilarUsers__Dimensions, SimilarUsers__TrainOnStart, ...).</summary>
public sealed class SimilarUsersOptions
{
    public const string Section = "SimilarUsers";

    /// <summary>The model registry's root (key <c>two_tower</c>); relative paths are under the app's content root.</summary>
    public string ModelDirectory { get; set; } = Path.Combine("data", "models");

    /// <summary>Train in the background once the data is loaded when no model exists yet.</summary>
    public bool TrainOnStart { get; set; } = true;

    public int Dimensions { get; set; } = 128;
    public int Epochs { get; set; } = 5;
    public int BatchSize { get; set; } = 256;
    public float LearningRate { get; set; } = 0.01f;
    public float L2 { get; set; } = 0.05f;
    public int Seed { get; set; } = 1;

    /// <summary>From this many users on the serving index is IVF_FLAT; below it, exact search (as fast there, and exact).</summary>
    public int IvfMinUsers { get; set; } = 20_000;

    /// <summary>IVF lists; null: √users. Probed lists per query; null: a sixteenth of the lists (at least 8).</summary>
    public int? NList { get; set; }
    public int? NProbe { get; set; }

    /// <summary>Behavioural clusters: the largest k a request may ask for, and the range k is chosen from by silhouette.</summary>
    public int MaxClusters { get; set; } = 12;
    public int MaxChosenClusters { get; set; } = 8;

    public TwoTowerOptions ToTwoTowerOptions() => new()
    {
        Dimensions = Dimensions, Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, L2 = L2, Seed = Seed,
        LazyIdUpdates = true, // a batch holds a few hundred of the users: updating only theirs keeps a step cheap
    };
}
