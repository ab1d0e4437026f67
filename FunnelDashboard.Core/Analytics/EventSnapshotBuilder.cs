using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Collects users and visits in any order and merges them into a snapshot: <see cref="Build"/> makes a new one,
/// <see cref="MergeInto"/> grows an existing one by what is new (a refresh's tail of the store). Added users replace
/// the device and sex of users the snapshot already has; added visits may be older than a user's newest (late events)
/// and still land in time order, after visits of the same time already there (store order).
/// </summary>
public sealed class EventSnapshotBuilder
{
    readonly List<(long Id, byte Device, byte Sex)> users = [];
    readonly List<long> eventUser = [];
    readonly List<int> eventTime = [];
    readonly List<byte> eventPage = [];
    readonly List<ushort> eventDuration = [];
    long lastEventId;

    public int VisitCount => eventTime.Count;
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

    public EventSnapshot Build() => MergeInto(EventSnapshot.Empty);

    /// <summary>
    /// A new snapshot holding <paramref name="current"/> and what was added here. Linear in the snapshot's size: users
    /// without new visits are copied in runs, the others get their old and new visits merged by time.
    /// </summary>
    public EventSnapshot MergeInto(EventSnapshot current)
    {
        var (ids, device, sex, oldIndex) = MergeUsers(current);
        var (added, addedOrder) = GroupByUser(ids, eventUser, eventTime);

        var eventStart = new int[ids.Length + 1];
        for (var u = 0; u < ids.Length; u++)
        {
            var old = oldIndex[u] < 0 ? 0 : current.EventStart[oldIndex[u] + 1] - current.EventStart[oldIndex[u]];
            eventStart[u + 1] = eventStart[u] + old + (added[u + 1] - added[u]);
        }

        var total = eventStart[^1];
        var times = new int[total];
        var pages = new byte[total];
        var durations = new ushort[total];
        var u0 = 0;
        while (u0 < ids.Length)
        {
            // A run of users with no new visits whose old visits are contiguous: one copy per column.
            var u1 = u0;
            while (u1 < ids.Length && added[u1 + 1] == added[u1] && oldIndex[u1] >= 0 && oldIndex[u1] - oldIndex[u0] == u1 - u0) u1++;
            if (u1 > u0)
            {
                var from = current.EventStart[oldIndex[u0]];
                var count = current.EventStart[oldIndex[u1 - 1] + 1] - from;
                Array.Copy(current.EventTime, from, times, eventStart[u0], count);
                Array.Copy(current.EventPage, from, pages, eventStart[u0], count);
                Array.Copy(current.EventDuration, from, durations, eventStart[u0], count);
                u0 = u1;
                continue;
            }

            // One user with new visits: merge the old run and the new one by time, old first on ties.
            var (o, oEnd) = oldIndex[u0] < 0 ? (0, 0) : (current.EventStart[oldIndex[u0]], current.EventStart[oldIndex[u0] + 1]);
            var (a, aEnd) = (added[u0], added[u0 + 1]);
            for (var w = eventStart[u0]; w < eventStart[u0 + 1]; w++)
            {
                if (a == aEnd || (o < oEnd && current.EventTime[o] <= eventTime[addedOrder[a]]))
                {
                    (times[w], pages[w], durations[w]) = (current.EventTime[o], current.EventPage[o], current.EventDuration[o]);
                    o++;
                }
                else
                {
                    var row = addedOrder[a++];
                    (times[w], pages[w], durations[w]) = (eventTime[row], eventPage[row], eventDuration[row]);
                }
            }
            u0++;
        }

        var sessions = current.SessionCount;
        foreach (var page in eventPage)
            if ((page & EventSnapshot.SessionStartFlag) != 0) sessions++;
        var (first, last) = current.EventCount == 0 ? (int.MaxValue, int.MinValue) : (current.FirstDay * 86400, current.LastEventTime);
        foreach (var t in eventTime) { if (t < first) first = t; if (t > last) last = t; }
        return new EventSnapshot(ids, device, sex, eventStart, times, pages, durations,
            Math.Max(current.LastEventId, lastEventId), sessions, first, last);
    }

    /// <summary>The snapshot's users and the added ones, sorted by id; for each, its index in the snapshot or -1.</summary>
    (long[] Ids, byte[] Device, byte[] Sex, int[] OldIndex) MergeUsers(EventSnapshot current)
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
                (ids[n], device[n], sex[n], oldIndex[n]) = (users[a].Id, users[a].Device, users[a].Sex, same ? c : -1);
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
    static (int[] Start, int[] Order) GroupByUser(long[] ids, List<long> rowUser, List<int> rowTime)
    {
        var userOfRow = new int[rowUser.Count];
        var start = new int[ids.Length + 1];
        for (var i = 0; i < rowUser.Count; i++)
        {
            var u = Array.BinarySearch(ids, rowUser[i]);
            if (u < 0) throw new InvalidOperationException($"A page visit refers to unknown user {rowUser[i]}.");
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
