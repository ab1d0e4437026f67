using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>Collects users, visits and sessions in any order and builds the sorted, columnar <see cref="EventSnapshot"/>.</summary>
public sealed class EventSnapshotBuilder
{
    readonly List<(long Id, byte Device, byte Sex)> users = [];
    readonly List<long> eventUser = [];
    readonly List<int> eventTime = [];
    readonly List<byte> eventPage = [];
    readonly List<long> sessionUser = [];
    readonly List<int> sessionTime = [];
    long lastEventId;

    public EventSnapshotBuilder AddUser(long id, Device device, Sex sex)
    {
        users.Add((id, (byte)device, (byte)sex));
        return this;
    }

    public EventSnapshotBuilder AddUser(User user) => AddUser(user.Id, user.Device, user.Sex);

    public EventSnapshotBuilder AddVisit(long userId, FunnelPage page, DateTime time, long eventId = 0)
    {
        eventUser.Add(userId);
        eventTime.Add(EventSnapshot.ToTime(time));
        eventPage.Add((byte)page);
        lastEventId = Math.Max(lastEventId, eventId);
        return this;
    }

    public EventSnapshotBuilder AddVisit(PageVisit visit) => AddVisit(visit.UserId, visit.Page, visit.Timestamp, visit.Id);

    public EventSnapshotBuilder AddSession(long userId, DateTime start)
    {
        sessionUser.Add(userId);
        sessionTime.Add(EventSnapshot.ToTime(start));
        return this;
    }

    public EventSnapshotBuilder AddSession(Session session) => AddSession(session.UserId, session.Start);

    public EventSnapshot Build()
    {
        users.Sort((a, b) => a.Id.CompareTo(b.Id));
        var ids = new long[users.Count];
        var device = new byte[users.Count];
        var sex = new byte[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            if (i > 0 && users[i].Id == users[i - 1].Id) throw new InvalidOperationException($"User {users[i].Id} was added twice.");
            (ids[i], device[i], sex[i]) = users[i];
        }

        var (eventStart, eventOrder) = GroupByUser(ids, eventUser, eventTime, "page visit");
        var times = new int[eventOrder.Length];
        var pages = new byte[eventOrder.Length];
        for (var i = 0; i < eventOrder.Length; i++) { times[i] = eventTime[eventOrder[i]]; pages[i] = eventPage[eventOrder[i]]; }

        var (sessionStart, sessionOrder) = GroupByUser(ids, sessionUser, sessionTime, "session");
        var sessionTimes = new int[sessionOrder.Length];
        for (var i = 0; i < sessionOrder.Length; i++) sessionTimes[i] = sessionTime[sessionOrder[i]];

        return new EventSnapshot(ids, device, sex, eventStart, times, pages, sessionStart, sessionTimes, lastEventId);
    }

    /// <summary>
    /// A counting sort by user, then a stable sort by time within each user (usually a no-op: stores return events in
    /// insertion order), giving CSR offsets and the order of the original rows.
    /// </summary>
    static (int[] Start, int[] Order) GroupByUser(long[] ids, List<long> rowUser, List<int> rowTime, string what)
    {
        var userOfRow = new int[rowUser.Count];
        var start = new int[ids.Length + 1];
        for (var i = 0; i < rowUser.Count; i++)
        {
            var u = Array.BinarySearch(ids, rowUser[i]);
            if (u < 0) throw new InvalidOperationException($"A {what} refers to unknown user {rowUser[i]}.");
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
