using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>One user near another: the cosine of their embeddings and what the neighbour's behaviour looks like.</summary>
public sealed record SimilarUser(long UserId, double Score, string Device, string? DeepestStep, string DominantBehavior);

/// <summary>The answer of GET /users/similar/{user_id}.</summary>
public sealed record SimilarUsersAnswer(long UserId, int ModelVersion, IReadOnlyList<SimilarUser> Similar);

/// <summary>
/// A served two-tower version: its users' embeddings in a nearest-neighbour index (cosine; IVF_FLAT from
/// <see cref="SimilarUsersOptions.IvfMinUsers"/> users on, exact below) and its answers, each computed once for
/// this version (with the users' activity as of the first question) and shared.
/// </summary>
public sealed class SimilarityModel
{
    readonly Dictionary<long, int> rows;
    readonly ResultCache answers = new(4096);

    public SimilarityModel(TwoTowerVersionInfo info, VectorSet users, string?[] devices, SimilarUsersOptions options)
    {
        if (devices.Length != users.Count) throw new ArgumentException($"{devices.Length} devices for {users.Count} users.", nameof(devices));
        Info = info;
        Users = users;
        Devices = devices;
        rows = new Dictionary<long, int>(users.Count);
        for (int i = 0; i < users.Count; i++) rows[users.Ids[i]] = i;
        if (users.Count >= Math.Max(2, options.IvfMinUsers))
        {
            int nlist = Math.Clamp(options.NList ?? (int)Math.Sqrt(users.Count), 1, users.Count);
            Probes = Math.Clamp(options.NProbe ?? Math.Max(8, nlist / 16), 1, nlist);
            Index = IvfFlatIndex.Build(users, VectorMetric.Cosine, nlist, options.Seed);
        }
        else Index = new ExactIndex(users, VectorMetric.Cosine);
    }

    public TwoTowerVersionInfo Info { get; }
    public VectorSet Users { get; }
    /// <summary>Each user's device as stored with the embedding (the filter of a device search).</summary>
    public IReadOnlyList<string?> Devices { get; }
    public IVectorIndex Index { get; }
    /// <summary>Lists an IVF search scans (0 for exact search).</summary>
    public int Probes { get; }

    /// <summary>The index's k best for the query.</summary>
    public IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter) =>
        Index is IvfFlatIndex ivf ? ivf.Search(query, k, Probes, filter) : Index.Search(query, k, filter);

    public bool Contains(long userId) => rows.ContainsKey(userId);

    /// <summary>The k users nearest to the user (not the user), optionally of one device; null for a user the model does not know.</summary>
    public SimilarUsersAnswer? Similar(long userId, int k, Device? device, EventSnapshot snapshot) =>
        !rows.ContainsKey(userId) ? null
            : answers.GetOrCompute(Info.Version, (userId, k, device), () => Compute(userId, k, device, snapshot));

    /// <summary>Why the model has no neighbours for a user: unknown to the data, or newer than the model.</summary>
    public string UnknownUserMessage(long userId, EventSnapshot snapshot) => snapshot.Find(userId) is not null
        ? $"User {userId} arrived after two-tower v{Info.Version} was trained and has no embedding yet; the next training includes them."
        : $"There is no user {userId}.";

    /// <summary>The behavioural clusters (k by silhouette when null), computed once for this version.</summary>
    public UserClusters Clusters(int? k, EventSnapshot snapshot, SimilarUsersOptions options) =>
        answers.GetOrCompute(Info.Version, ("clusters", k), () => UserClusters.Compute(this, k, snapshot, options));

    SimilarUsersAnswer Compute(long userId, int k, Device? device, EventSnapshot snapshot)
    {
        string? wanted = device is { } d ? Names.Of(d) : null;
        var hits = Search(Users.Row(rows[userId]), k, id => id != userId && (wanted is null || Devices[rows[id]] == wanted));
        var similar = hits.Select(hit =>
        {
            var activity = snapshot.Find(hit.Id) is { } user ? UserActivity.Of(user) : null;
            return new SimilarUser(hit.Id, Math.Round(hit.Score, 4), Devices[rows[hit.Id]] ?? activity?.Device.ToString() ?? "",
                activity?.DeepestStepName, activity?.DominantBehavior ?? BehaviorItems.View);
        }).ToList();
        return new SimilarUsersAnswer(userId, Info.Version, similar);
    }
}
