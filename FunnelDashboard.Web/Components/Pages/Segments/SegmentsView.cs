using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.SimilarUsers;

namespace FunnelDashboard.Web.Components.Pages.Segments;

/// <summary>
/// What the Segments page shows for one model version: the behavioural clusters (a scatter of the users' first two
/// principal components, one series per cluster, and the clusters' profiles), and, for a user, the similar users.
/// </summary>
public sealed class SegmentsView
{
    public const int SimilarCount = 10;

    public SegmentsView(SimilarityModel model, int? k, long? user, EventSnapshot snapshot, SimilarUsersOptions options)
    {
        Inputs = (model, user, k);
        Model = model.Info;
        Clusters = model.Clusters(k, snapshot, options);
        Series = Clusters.Clusters.Select(cluster => new ChartSeries(Name(cluster.Id),
            Clusters.Projection.Where(p => p.Cluster == cluster.Id)
                .Select(p => new ChartPoint(p.X.ToString("0.000000", CultureInfo.InvariantCulture), p.Y)).ToList())).ToList();
        if (user is { } id)
        {
            Similar = model.Similar(id, SimilarCount, null, snapshot);
            if (Similar is null) UserProblem = model.UnknownUserMessage(id, snapshot);
        }
    }

    /// <summary>What the view was computed for.</summary>
    public (SimilarityModel Model, long? User, int? K) Inputs { get; }
    public TwoTowerVersionInfo Model { get; }
    public UserClusters Clusters { get; }
    public IReadOnlyList<ChartSeries> Series { get; }
    public SimilarUsersAnswer? Similar { get; }
    /// <summary>Why a requested user has no similar users (unknown, or newer than the model).</summary>
    public string? UserProblem { get; }

    public static string Name(int cluster) => $"Cluster {cluster}";

    public string Finding
    {
        get
        {
            var largest = Clusters.Clusters[0];
            var best = Clusters.Clusters.MaxBy(c => c.Conversion)!;
            var how = Clusters.ChosenBySilhouette ? $"k chosen by the best mean silhouette, {Clusters.Silhouette:0.00}" : $"k = {Clusters.K} as asked";
            return $"{Clusters.Clusters.Count} clusters ({how}). The largest, {Name(largest.Id).ToLowerInvariant()}, holds {Formats.Percent(largest.Share)} " +
                   $"of the users and converts {Formats.Percent(largest.Conversion)}; {Name(best.Id).ToLowerInvariant()} converts most, {Formats.Percent(best.Conversion)}.";
        }
    }

    public static IReadOnlyList<DataColumn<UserCluster>> Columns { get; } =
    [
        new("Cluster", c => c.Id, c => Name(c.Id)),
        new("Users", c => c.Size, c => Formats.Count(c.Size), Numeric: true),
        new("Share", c => c.Share, c => Formats.Percent(c.Share), Numeric: true, RawTitle: "Share (ratio)"),
        new("Conversion", c => c.Conversion, c => Formats.Percent(c.Conversion), Numeric: true, RawTitle: "Conversion (ratio)"),
        new("Mobile", c => c.Profile.DeviceMix.GetValueOrDefault("Mobile"), c => Formats.Percent(c.Profile.DeviceMix.GetValueOrDefault("Mobile")), Numeric: true, RawTitle: "Mobile (ratio)"),
        new("Sessions", c => c.Profile.Sessions, c => c.Profile.Sessions.ToString("0.0", CultureInfo.InvariantCulture), Numeric: true),
        new("Interactions", c => c.Profile.Interactions, c => c.Profile.Interactions.ToString("0.0", CultureInfo.InvariantCulture), Numeric: true),
        new("Time per visit", c => c.Profile.SecondsPerVisit, c => Formats.Duration(c.Profile.SecondsPerVisit), Numeric: true, RawTitle: "Time per visit (s)"),
        new("Mostly", c => c.Profile.DominantBehavior),
        new("Sentiment", c => c.Profile.Sentiment?.Score, c => c.Profile.Sentiment is { } s ? s.Score.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "—", Numeric: true),
    ];
}
