using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Analytics;

public static class SnapshotLoader
{
    /// <summary>
    /// Grows <paramref name="current"/> by the page visits and interactions stored since it was made (by any process): the same
    /// snapshot when there are none. The first load (from the empty snapshot) also takes users without visits.
    /// </summary>
    public static async Task<EventSnapshot> GrowAsync(IEventStore store, EventSnapshot current, CancellationToken ct = default)
    {
        var builder = new EventSnapshotBuilder();
        var tailUsers = new HashSet<long>();
        await foreach (var visit in store.ReadVisitTailAsync(current.LastEventId, ct))
        {
            builder.AddVisit(visit);
            tailUsers.Add(visit.UserId);
        }
        await foreach (var interaction in store.ReadInteractionTailAsync(current.LastInteractionId, ct))
        {
            builder.AddInteraction(interaction);
            tailUsers.Add(interaction.UserId);
        }
        var first = current.UserCount == 0;
        if (builder.VisitCount == 0 && builder.InteractionCount == 0 && !first) return current;

        // Users come after their events, so every event read has its user (users are stored before their events).
        if (first) await foreach (var user in store.ReadUsersAsync(ct)) builder.AddUser(user);
        else foreach (var user in await store.ReadUsersAsync(tailUsers, ct)) builder.AddUser(user);
        return await Task.Run(() => builder.MergeInto(current), ct);
    }
}
