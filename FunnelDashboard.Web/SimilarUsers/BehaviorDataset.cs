using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// The two-tower model's training data from the analytics snapshot. Users (every user of the snapshot, in its order)
/// have the reference app's features: device, session count, interaction count, average time per visit (the id is
/// the tower's own embedding). Items are <see cref="BehaviorItems"/> with the page, the interaction type, the page's
/// click rate, its average time spent and the conversion rate of the users who did it. A user interacts with an item
/// when they did it at least once. Counts are log-scaled and every numeric column standardised, so no feature
/// dominates the projection by its unit.
/// </summary>
public sealed record BehaviorDataset(Interactions Interactions, Matrix UserFeatures, Matrix ItemFeatures, UserActivity[] Users)
{
    public static BehaviorDataset From(EventSnapshot snapshot) => From(UserActivity.Of(snapshot));

    public static BehaviorDataset From(UserActivity[] users)
    {
        var (pairUsers, pairItems) = (new List<int>(), new List<int>());
        for (int u = 0; u < users.Length; u++)
            for (int item = 0; item < BehaviorItems.Count; item++)
                if (users[u].ItemCounts[item] > 0)
                {
                    pairUsers.Add(u);
                    pairItems.Add(item);
                }
        var interactions = new Interactions(
            users.Select(a => a.UserId.ToString(CultureInfo.InvariantCulture)).ToArray(),
            Enumerable.Range(0, BehaviorItems.Count).Select(BehaviorItems.Key).ToArray(),
            pairUsers.ToArray(), pairItems.ToArray());
        return new BehaviorDataset(interactions, UserFeatureMatrix(users), ItemFeatureMatrix(users), users);
    }

    static Matrix UserFeatureMatrix(UserActivity[] users)
    {
        var features = new Matrix(users.Length, 4);
        for (int u = 0; u < users.Length; u++)
        {
            var row = features.Row(u);
            row[0] = users[u].Device == Core.Domain.Device.Mobile ? 1 : 0;
            row[1] = MathF.Log(1 + users[u].Sessions);
            row[2] = MathF.Log(1 + users[u].Interactions);
            row[3] = MathF.Log(1 + (float)users[u].AverageVisitSeconds);
        }
        Standardize(features, 0, features.Cols);
        return features;
    }

    static Matrix ItemFeatureMatrix(UserActivity[] users)
    {
        int pages = Core.Domain.Names.AllPages.Count, kinds = BehaviorItems.Kinds;
        var (doers, converted) = (new long[BehaviorItems.Count], new long[BehaviorItems.Count]);
        var (pageInteractions, pageClicks, pageVisits, pageSeconds) = (new long[pages], new long[pages], new long[pages], new long[pages]);
        foreach (var user in users)
            for (int item = 0; item < BehaviorItems.Count; item++)
            {
                int count = user.ItemCounts[item];
                if (count == 0) continue;
                doers[item]++;
                if (user.Converted) converted[item]++;
                int page = (int)BehaviorItems.PageOf(item), kind = BehaviorItems.KindOf(item);
                if (kind == 0) continue;
                pageInteractions[page] += count;
                if (kind == 1 + (int)Core.Domain.InteractionType.Click) pageClicks[page] += count;
            }
        foreach (var user in users)
            for (int page = 0; page < pages; page++)
            {
                pageVisits[page] += user.ItemCounts[BehaviorItems.Visit((Core.Domain.FunnelPage)page)];
                pageSeconds[page] += user.PageSeconds[page];
            }

        int numeric = pages + kinds;
        var features = new Matrix(BehaviorItems.Count, numeric + 3);
        for (int item = 0; item < BehaviorItems.Count; item++)
        {
            int page = (int)BehaviorItems.PageOf(item);
            var row = features.Row(item);
            row[page] = 1;
            row[pages + BehaviorItems.KindOf(item)] = 1;
            row[numeric] = pageInteractions[page] == 0 ? 0 : (float)pageClicks[page] / pageInteractions[page];
            row[numeric + 1] = MathF.Log(1 + (pageVisits[page] == 0 ? 0 : (float)pageSeconds[page] / pageVisits[page]));
            row[numeric + 2] = doers[item] == 0 ? 0 : (float)converted[item] / doers[item];
        }
        Standardize(features, numeric, features.Cols);
        return features;
    }

    /// <summary>Columns [from, to) to mean 0 and standard deviation 1 (a constant column to 0).</summary>
    static void Standardize(Matrix features, int from, int to)
    {
        for (int c = from; c < to; c++)
        {
            double sum = 0, squares = 0;
            for (int r = 0; r < features.Rows; r++) sum += features[r, c];
            double mean = sum / features.Rows;
            for (int r = 0; r < features.Rows; r++) squares += (features[r, c] - mean) * (features[r, c] - mean);
            double sd = Math.Sqrt(squares / features.Rows);
            for (int r = 0; r < features.Rows; r++) features[r, c] = sd > 1e-9 ? (float)((features[r, c] - mean) / sd) : 0;
        }
    }
}
