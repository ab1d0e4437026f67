using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// What one user did, summed from the snapshot: the reference app's user features (sessions, interactions, average
/// time per visit), the behaviour items they touched (<see cref="BehaviorItems"/>, with counts), the deepest step of
/// the default funnel reached in order (no window, as in <see cref="UserBehavior"/>), and the dominant behaviour.
/// </summary>
/// <param name="PageSeconds">Seconds spent on each page (by page code).</param>
public sealed record UserActivity(long UserId, Device Device, int Sessions, int Visits, long[] PageSeconds, int Interactions,
    int[] ItemCounts, int DeepestStep)
{
    public long VisitSeconds => PageSeconds.Sum();

    public double AverageVisitSeconds => Visits == 0 ? 0 : (double)VisitSeconds / Visits;

    /// <summary>The default funnel's deepest step reached, or null when not even its first.</summary>
    public string? DeepestStepName => DeepestStep == 0 ? null : Names.Of(FunnelQuery.Default.Steps[DeepestStep - 1]);

    public bool Converted => DeepestStep == FunnelQuery.Default.Steps.Count;

    /// <summary>The interaction type the user performed most (ties: the earlier type), or "view" without interactions.</summary>
    public string DominantBehavior
    {
        get
        {
            var byKind = BehaviorItems.CountsByKind(ItemCounts);
            int best = 0;
            for (int kind = 1; kind < byKind.Length; kind++)
                if (byKind[kind] > 0 && (best == 0 || byKind[kind] > byKind[best])) best = kind;
            return BehaviorItems.KindName(best);
        }
    }

    /// <summary>Every user of the snapshot, in its order (id order).</summary>
    public static UserActivity[] Of(EventSnapshot snapshot)
    {
        var users = snapshot.Users.ToArray();
        var result = new UserActivity[users.Length];
        Parallel.For(0, users.Length, u => result[u] = Of(users[u]));
        return result;
    }

    public static UserActivity Of(SnapshotUser user)
    {
        var part = user.Part;
        var items = new int[BehaviorItems.Count];
        var steps = FunnelQuery.Default.Steps;
        int sessions = 0, depth = 0;
        var seconds = new long[Names.AllPages.Count];
        var (start, end) = user.Visits;
        for (int e = start; e < end; e++)
        {
            if (e == start || part.StartsSession(e)) sessions++;
            var page = part.PageOf(e);
            items[BehaviorItems.Visit(page)]++;
            seconds[(int)page] += part.EventDuration[e];
            if (depth < steps.Count && page == steps[depth]) depth++;
        }
        var (first, last) = user.Interactions;
        for (int i = first; i < last; i++)
        {
            var kind = part.InteractionKind[i];
            items[BehaviorItems.Interaction(EventSnapshot.InteractionPageOf(kind), EventSnapshot.InteractionTypeOf(kind))]++;
        }
        return new UserActivity(user.Id, user.Device, sessions, end - start, seconds, last - first, items, depth);
    }
}

/// <summary>
/// The item side of the two-tower model: a page and what was done on it, a visit ("view") or one of the interaction
/// types; item = page × 7 + kind (kind 0 the visit, 1 + the interaction type).
/// </summary>
public static class BehaviorItems
{
    public const string View = "view";
    public static readonly int Kinds = 1 + Enum.GetValues<InteractionType>().Length;
    public static readonly int Count = Names.AllPages.Count * Kinds;

    public static int Visit(FunnelPage page) => (int)page * Kinds;
    public static int Interaction(FunnelPage page, InteractionType type) => (int)page * Kinds + 1 + (int)type;
    public static FunnelPage PageOf(int item) => (FunnelPage)(item / Kinds);
    public static int KindOf(int item) => item % Kinds;
    public static string KindName(int kind) => kind == 0 ? View : Names.Of((InteractionType)(kind - 1));

    /// <summary>"search: click", the key the item's embedding is stored under.</summary>
    public static string Key(int item) => $"{Names.Of(PageOf(item))}: {KindName(KindOf(item))}";

    /// <summary>Per kind (view, then each interaction type), the sum over pages.</summary>
    public static int[] CountsByKind(int[] itemCounts)
    {
        var byKind = new int[Kinds];
        for (int item = 0; item < itemCounts.Length; item++) byKind[KindOf(item)] += itemCounts[item];
        return byKind;
    }
}
