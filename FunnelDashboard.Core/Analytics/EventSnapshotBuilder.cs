using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Collects users, visits and interactions in any order and merges them into a snapshot: <see cref="Build"/> makes a new one,
/// <see cref="MergeInto(EventSnapshot)"/> grows an existing one by what is new (a refresh's tail of the store). Added users replace
/// the device and sex of users the snapshot already has; added visits may be older than a user's newest (late events)
/// and still land in time order, after visits of the same time already there (store order); interactions likewise.
/// </summary>
public sealed class EventSnapshotBuilder
{
    readonly List<(long Id, byte Device, byte Sex)> users = [];
    readonly List<long> eventUser = [];
    readonly List<int> eventTime = [];
    readonly List<byte> eventPage = [];
    readonly List<ushort> eventDuration = [];
    long lastEventId;
    readonly List<long> interactionUser = [];
    readonly List<int> interactionTime = [];
    readonly List<byte> interactionKind = [];
    readonly List<short> interactionX = [];
    readonly List<short> interactionY = [];
    long lastInteractionId;

    public int VisitCount => eventTime.Count;
    public int InteractionCount => interactionTime.Count;
    public int UserCount => users.Count;

    public EventSnapshotBuilder AddUser(long id, Device device, Sex sex)
    {
        users.Add((id, (byte)device, (byte)sex));
        return this;
    }

    public EventSnapshotBuilder AddUser(User user) => AddUser(user.Id, user.Device, user.Sex);

    public EventSnapshotBuilder AddVisit(long userId, FunnelPage page, DateTime time, long eventId = 0, int durationSeconds = 0,
        bool startsSession = false)
    {
        eventUser.Add(userId);
        eventTime.Add(EventSnapshot.ToTime(time));
        eventPage.Add((byte)((byte)page | (startsSession ? EventSnapshot.SessionStartFlag : 0)));
        eventDuration.Add((ushort)Math.Clamp(durationSeconds, 0, ushort.MaxValue));
        lastEventId = Math.Max(lastEventId, eventId);
        return this;
    }

    public EventSnapshotBuilder AddVisit(SnapshotVisit visit) =>
        AddVisit(visit.UserId, visit.Page, visit.Timestamp, visit.Id, visit.DurationSeconds, visit.StartsSession);

    public EventSnapshotBuilder AddInteraction(long userId, FunnelPage page, InteractionType type, DateTime time, int x, int y, long interactionId = 0)
    {
        interactionUser.Add(userId);
        interactionTime.Add(EventSnapshot.ToTime(time));
        interactionKind.Add(EventSnapshot.InteractionKindOf(page, type));
        interactionX.Add((short)Math.Clamp(x, short.MinValue, short.MaxValue));
        interactionY.Add((short)Math.Clamp(y, short.MinValue, short.MaxValue));
        lastInteractionId = Math.Max(lastInteractionId, interactionId);
        return this;
    }

    public EventSnapshotBuilder AddInteraction(SnapshotInteraction interaction) =>
        AddInteraction(interaction.UserId, interaction.Page, interaction.Type, interaction.Timestamp, interaction.X, interaction.Y, interaction.Id);

    /// <summary>
    /// Fold the recent part into the base once it holds more than this share of the base's rows and users: small enough
    /// that a refresh copies little, large enough that folding (a copy of everything) is rare.
    /// </summary>
    internal double MaxRecentShare { get; init; } = 1.0 / 16;

    public EventSnapshot Build() => MergeInto(EventSnapshot.Empty);

    /// <summary>
    /// A new snapshot holding <paramref name="current"/> and what was added here. The users with new rows move to the
    /// recent part with all their rows (so only that part is rewritten); the base is shared, or rewritten with the recent
    /// part folded in when that has grown past <see cref="MaxRecentShare"/> of it.
    /// </summary>
    public EventSnapshot MergeInto(EventSnapshot current)
    {
        var sessions = current.SessionCount;
        foreach (var page in eventPage)
            if ((page & EventSnapshot.SessionStartFlag) != 0) sessions++;
        var (first, last) = current.EventCount == 0 ? (int.MaxValue, int.MinValue) : (current.FirstDay * 86400, current.LastEventTime);
        foreach (var t in eventTime) { if (t < first) first = t; if (t > last) last = t; }
        var (lastVisit, lastInteraction) = (Math.Max(current.LastEventId, lastEventId), Math.Max(current.LastInteractionId, lastInteractionId));

        if (current.UserCount == 0)
            return new EventSnapshot(MergeInto(current.Base, replace: false), SnapshotPart.Empty, [], lastVisit, lastInteraction, sessions, first, last);

        var (recentRows, moved) = WithBaseRowsOfMovedUsers(current);
        var recent = recentRows.MergeInto(current.Recent, replace: false);
        var superseded = Union(current.Superseded, moved);
        if (recent.RowCount + recent.UserCount <= MaxRecentShare * (current.Base.RowCount + current.Base.UserCount))
            return new EventSnapshot(current.Base, recent, superseded, lastVisit, lastInteraction, sessions, first, last);

        var all = new EventSnapshotBuilder();
        for (var u = 0; u < recent.UserCount; u++) all.AddRowsOf(recent, u);
        return new EventSnapshot(all.MergeInto(current.Base, replace: true), SnapshotPart.Empty, [], lastVisit, lastInteraction, sessions, first, last);
    }

    /// <summary>
    /// These rows, after the base rows of the users they move out of the base (so ties in time keep store order), and
    /// the base indexes of those users, in order.
    /// </summary>
    (EventSnapshotBuilder Rows, List<int> Moved) WithBaseRowsOfMovedUsers(EventSnapshot current)
    {
        var withUser = users.Select(u => u.Id).ToHashSet();
        var touched = new SortedSet<long>(withUser);
        touched.UnionWith(eventUser);
        touched.UnionWith(interactionUser);

        var rows = new EventSnapshotBuilder();
        var moved = new List<int>();
        foreach (var id in touched)
        {
            if (current.Recent.IndexOf(id) >= 0 || current.Base.IndexOf(id) is not (var b and >= 0)) continue;
            moved.Add(b);
            rows.AddRowsOf(current.Base, b, withUser: !withUser.Contains(id));
        }
        rows.users.AddRange(users);
        rows.eventUser.AddRange(eventUser); rows.eventTime.AddRange(eventTime); rows.eventPage.AddRange(eventPage); rows.eventDuration.AddRange(eventDuration);
        rows.interactionUser.AddRange(interactionUser); rows.interactionTime.AddRange(interactionTime); rows.interactionKind.AddRange(interactionKind);
        rows.interactionX.AddRange(interactionX); rows.interactionY.AddRange(interactionY);
        return (rows, moved);
    }

    /// <summary>Adds a part's user (unless <paramref name="withUser"/> is false) and all its rows, as they are stored.</summary>
    void AddRowsOf(SnapshotPart part, int u, bool withUser = true)
    {
        var id = part.UserIds[u];
        if (withUser) users.Add((id, part.UserDevice[u], part.UserSex[u]));
        for (var e = part.EventStart[u]; e < part.EventStart[u + 1]; e++)
        {
            eventUser.Add(id); eventTime.Add(part.EventTime[e]); eventPage.Add(part.EventPage[e]); eventDuration.Add(part.EventDuration[e]);
        }
        for (var i = part.InteractionStart[u]; i < part.InteractionStart[u + 1]; i++)
        {
            interactionUser.Add(id); interactionTime.Add(part.InteractionTime[i]); interactionKind.Add(part.InteractionKind[i]);
            interactionX.Add(part.InteractionX[i]); interactionY.Add(part.InteractionY[i]);
        }
    }

    static int[] Union(int[] sorted, List<int> more)
    {
        if (more.Count == 0) return sorted;
        var result = new int[sorted.Length + more.Count];
        int i = 0, j = 0, n = 0;
        while (i < sorted.Length || j < more.Count)
            result[n++] = j == more.Count || (i < sorted.Length && sorted[i] < more[j]) ? sorted[i++] : more[j++];
        return result;
    }

    /// <summary>
    /// A new part holding <paramref name="current"/> and what was added here, linear in the part's size: users without
    /// new rows are copied in runs, the others get their old and new rows merged by time. With <paramref name="replace"/>,
    /// an added user's rows replace the part's rows of that user instead.
    /// </summary>
    SnapshotPart MergeInto(SnapshotPart current, bool replace)
    {
        var (ids, device, sex, oldIndex) = MergeUsers(current, replace);

        var (added, addedOrder) = GroupByUser(ids, eventUser, eventTime, "A page visit");
        var visits = new CsrMerge(oldIndex, current.EventStart, current.EventTime, added, addedOrder, eventTime);

        var (addedInteractions, interactionOrder) = GroupByUser(ids, interactionUser, interactionTime, "An interaction");
        var interactions = new CsrMerge(oldIndex, current.InteractionStart, current.InteractionTime, addedInteractions, interactionOrder, interactionTime);
        return new SnapshotPart(ids, device, sex,
            visits.Start, visits.Apply(current.EventTime, eventTime), visits.Apply(current.EventPage, eventPage), visits.Apply(current.EventDuration, eventDuration),
            interactions.Start, interactions.Apply(current.InteractionTime, interactionTime), interactions.Apply(current.InteractionKind, interactionKind),
            interactions.Apply(current.InteractionX, interactionX), interactions.Apply(current.InteractionY, interactionY));
    }

    /// <summary>
    /// The part's users and the added ones, sorted by id; for each, its index in the part, or -1 when it has none (or
    /// the added user replaces it).
    /// </summary>
    (long[] Ids, byte[] Device, byte[] Sex, int[] OldIndex) MergeUsers(SnapshotPart current, bool replace)
    {
        users.Sort((a, b) => a.Id.CompareTo(b.Id));
        for (var i = 1; i < users.Count; i++)
            if (users[i].Id == users[i - 1].Id) throw new InvalidOperationException($"User {users[i].Id} was added twice.");

        var capacity = current.UserCount + users.Count;
        var (ids, device, sex, oldIndex) = (new long[capacity], new byte[capacity], new byte[capacity], new int[capacity]);
        int n = 0, c = 0, a = 0;
        while (c < current.UserCount || a < users.Count)
        {
            var takeOld = a == users.Count || (c < current.UserCount && current.UserIds[c] < users[a].Id);
            if (takeOld)
            {
                (ids[n], device[n], sex[n], oldIndex[n]) = (current.UserIds[c], current.UserDevice[c], current.UserSex[c], c);
                c++;
            }
            else
            {
                var same = c < current.UserCount && current.UserIds[c] == users[a].Id;
                (ids[n], device[n], sex[n], oldIndex[n]) = (users[a].Id, users[a].Device, users[a].Sex, same && !replace ? c : -1);
                if (same) c++;
                a++;
            }
            n++;
        }
        return n == capacity ? (ids, device, sex, oldIndex) : (ids[..n], device[..n], sex[..n], oldIndex[..n]);
    }

    /// <summary>
    /// A counting sort by user, then a stable sort by time within each user (usually a no-op: stores return events in
    /// insertion order), giving CSR offsets and the order of the original rows.
    /// </summary>
    static (int[] Start, int[] Order) GroupByUser(long[] ids, List<long> rowUser, List<int> rowTime, string rowName)
    {
        var userOfRow = new int[rowUser.Count];
        var start = new int[ids.Length + 1];
        for (var i = 0; i < rowUser.Count; i++)
        {
            var u = Array.BinarySearch(ids, rowUser[i]);
            if (u < 0) throw new InvalidOperationException($"{rowName} refers to unknown user {rowUser[i]}.");
            userOfRow[i] = u;
            start[u + 1]++;
        }
        for (var u = 0; u < ids.Length; u++) start[u + 1] += start[u];

        var next = (int[])start.Clone();
        var order = new int[rowUser.Count];
        for (var i = 0; i < userOfRow.Length; i++) order[next[userOfRow[i]]++] = i;

        for (var u = 0; u < ids.Length; u++)
        {
            var slice = order.AsSpan(start[u], start[u + 1] - start[u]);
            if (!IsSortedByTime(slice, rowTime))
                slice.Sort((a, b) => rowTime[a] != rowTime[b] ? rowTime[a].CompareTo(rowTime[b]) : a.CompareTo(b));
        }
        return (start, order);
    }

    static bool IsSortedByTime(Span<int> rows, List<int> rowTime)
    {
        for (var i = 1; i < rows.Length; i++)
            if (rowTime[rows[i]] < rowTime[rows[i - 1]]) return false;
        return true;
    }
}
