using FunnelDashboard.ML.Recommendation;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>recall@10 and NDCG@10 of a model on the held-out interactions.</summary>
public sealed record RankingScore(double Recall, double Ndcg);

/// <summary>
/// The held-out quality of a version: a model trained on a seeded random 80 % of the user–item pairs, every user's
/// top 10 unseen items scored against their other 20 % (<see cref="TwoTowerEvaluation"/>), next to recommending the
/// most popular items.
/// </summary>
public sealed record TwoTowerEvaluationInfo(RankingScore TwoTower, RankingScore Popularity, int Users, int TrainingPairs, int HeldOutPairs);

/// <summary>
/// A stored two-tower version's record (info.json beside model.fdtt): what it was trained on, how, how well, and when.
/// Good: every epoch's loss and every embedding are finite. Its embeddings in the vector store carry
/// <see cref="CreatedUnixSeconds"/> as their timestamp, which ties them to this version.
/// </summary>
public sealed record TwoTowerVersionInfo(
    string Key, int Version, DateTimeOffset CreatedUtc, DateOnly? DataStart, DateOnly? DataEnd,
    int Users, int Items, int Pairs, TwoTowerOptions Options, IReadOnlyList<float> EpochLosses,
    TwoTowerEvaluationInfo? Evaluation, double TrainingSeconds, bool IsGood)
{
    public long CreatedUnixSeconds => CreatedUtc.ToUnixTimeSeconds();
}
