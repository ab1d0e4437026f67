using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>A cluster's patterns of sentiment (<see cref="SentimentAnalysis"/>) and their score.</summary>
public sealed record ClusterSentiment(long Frustrated, long Engaged, long Satisfied, double Score);

/// <summary>
/// What a cluster's users are like: the share on each device, mean sessions, interactions and seconds per visit, the
/// share of each interaction type among their interactions, the most common interaction type, and their sentiment
/// (null when they show no pattern).
/// </summary>
public sealed record ClusterProfile(IReadOnlyDictionary<string, double> DeviceMix, double Sessions, double Interactions,
    double SecondsPerVisit, IReadOnlyDictionary<string, double> InteractionMix, string DominantBehavior, ClusterSentiment? Sentiment);

/// <param name="Conversion">The share of the cluster's users who reached the default funnel's last step.</param>
public sealed record UserCluster(int Id, int Size, double Share, double Conversion, ClusterProfile Profile);

/// <summary>One user drawn in the 2-D picture: the first two principal components of the embeddings.</summary>
public sealed record ClusterPoint(long UserId, int Cluster, double X, double Y);

/// <summary>
/// Behavioural clusters: k-means over the users' unit-length embeddings (k by the best mean silhouette among 2 …
/// <see cref="SimilarUsersOptions.MaxChosenClusters"/>, chosen on a seeded sample, when not given), each cluster's
/// size and profile from the users' activity, and a seeded sample of users projected on two principal components.
/// Clusters are numbered from 1 by size, largest first.
/// </summary>
public sealed record UserClusters(int ModelVersion, int K, bool ChosenBySilhouette, double Silhouette,
    IReadOnlyList<UserCluster> Clusters, IReadOnlyList<ClusterPoint> Projection)
{
    public const int ChoiceSample = 5000;
    public const int ProjectionSample = 400;

    public static UserClusters Compute(SimilarityModel model, int? k, EventSnapshot snapshot, SimilarUsersOptions options)
    {
        var unit = model.Users.ForMetric(VectorMetric.Cosine);
        int count = unit.Count, seed = options.Seed;
        if (count < 3) throw new InvalidOperationException($"Clustering needs at least 3 users with embeddings; model v{model.Info.Version} has {count}.");
        int chosenK = k ?? KMeansClustering.ChooseK(Sample(unit, ChoiceSample, seed).Vectors, unit.Dimensions, options.MaxChosenClusters, seed).K;
        var clustering = KMeansClustering.Fit(unit.Vectors, unit.Dimensions, Math.Min(chosenK, count), seed);

        // Renumber by size, largest first, so cluster 1 is the biggest in every version.
        var sizes = new int[clustering.K];
        foreach (int c in clustering.Assignment) sizes[c]++;
        var order = Enumerable.Range(0, clustering.K).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var renumber = new int[clustering.K];
        for (int i = 0; i < order.Length; i++) renumber[order[i]] = i;
        var assignment = clustering.Assignment.Select(c => renumber[c]).ToArray();

        var clusters = Enumerable.Range(0, clustering.K)
            .Select(c => Profile(c + 1, Enumerable.Range(0, count).Where(i => assignment[i] == c).ToList(), unit, snapshot, count))
            .Where(cluster => cluster.Size > 0)
            .ToList();
        return new UserClusters(model.Info.Version, clustering.K, k is null, Math.Round(clustering.Silhouette, 4), clusters,
            Project(unit, assignment, seed));
    }

    static UserCluster Profile(int id, List<int> members, VectorSet users, EventSnapshot snapshot, int total)
    {
        var devices = new Dictionary<string, double>();
        var kinds = new long[BehaviorItems.Kinds];
        long sessions = 0, interactions = 0, visits = 0, seconds = 0, frustrated = 0, engaged = 0, satisfied = 0;
        int converted = 0, known = 0;
        foreach (int member in members)
        {
            if (snapshot.Find(users.Ids[member]) is not { } user) continue; // not in the loaded data (yet): counted in the size, not in the profile
            known++;
            var activity = UserActivity.Of(user);
            devices[Names.Of(activity.Device)] = devices.GetValueOrDefault(Names.Of(activity.Device)) + 1;
            (sessions, interactions, visits, seconds) = (sessions + activity.Sessions, interactions + activity.Interactions, visits + activity.Visits, seconds + activity.VisitSeconds);
            if (activity.Converted) converted++;
            var byKind = BehaviorItems.CountsByKind(activity.ItemCounts);
            for (int kind = 1; kind < byKind.Length; kind++) kinds[kind] += byKind[kind];
            var sentiment = SentimentAnalysis.OfUser(user, FunnelFilter.All);
            (frustrated, engaged, satisfied) = (frustrated + sentiment.Frustrated, engaged + sentiment.Engaged, satisfied + sentiment.Satisfied);
        }
        double Mean(long sum) => known == 0 ? 0 : Math.Round((double)sum / known, 2);
        var mix = Enumerable.Range(1, kinds.Length - 1).ToDictionary(BehaviorItems.KindName,
            kind => interactions == 0 ? 0 : Math.Round((double)kinds[kind] / interactions, 4));
        int dominant = Enumerable.Range(1, kinds.Length - 1).OrderByDescending(kind => kinds[kind]).ThenBy(kind => kind).First();
        var profile = new ClusterProfile(
            Enum.GetValues<Device>().ToDictionary(Names.Of, d => known == 0 ? 0 : Math.Round(devices.GetValueOrDefault(Names.Of(d)) / known, 4)),
            Mean(sessions), Mean(interactions), visits == 0 ? 0 : Math.Round((double)seconds / visits, 1), mix,
            kinds[dominant] == 0 ? BehaviorItems.View : BehaviorItems.KindName(dominant),
            frustrated + engaged + satisfied == 0 ? null
                : new ClusterSentiment(frustrated, engaged, satisfied, Math.Round(SentimentAnalysis.Score(frustrated, engaged + satisfied), 4)));
        return new UserCluster(id, members.Count, Math.Round((double)members.Count / total, 4),
            known == 0 ? 0 : Math.Round((double)converted / known, 4), profile);
    }

    static IReadOnlyList<ClusterPoint> Project(VectorSet users, int[] assignment, int seed)
    {
        var components = PrincipalComponents.Fit(Sample(users, ChoiceSample, seed), 2, seed);
        var shown = SampleRows(users.Count, ProjectionSample, seed);
        return shown.Select(i =>
        {
            var xy = components.Project(users.Row(i));
            return new ClusterPoint(users.Ids[i], assignment[i] + 1, Math.Round(xy[0], 6), Math.Round(xy.Length > 1 ? xy[1] : 0, 6));
        }).ToList();
    }

    /// <summary>At most <paramref name="size"/> rows, a seeded random choice kept in their order.</summary>
    static int[] SampleRows(int count, int size, int seed)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        if (count <= size) return rows;
        new Random(seed).Shuffle(rows);
        return rows[..size].Order().ToArray();
    }

    static VectorSet Sample(VectorSet set, int size, int seed)
    {
        var rows = SampleRows(set.Count, size, seed);
        var vectors = new float[rows.Length * set.Dimensions];
        for (int i = 0; i < rows.Length; i++) set.Row(rows[i]).CopyTo(vectors.AsSpan(i * set.Dimensions, set.Dimensions));
        return new VectorSet(rows.Select(r => set.Ids[r]).ToArray(), vectors, set.Dimensions);
    }
}
