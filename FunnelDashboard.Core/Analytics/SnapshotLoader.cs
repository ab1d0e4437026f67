using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Analytics;

public static class SnapshotLoader
{
    /// <summary>Reads users, sessions and page visits from the store into a new snapshot.</summary>
    public static async Task<EventSnapshot> LoadAsync(IEventStore store, CancellationToken ct = default)
    {
        var builder = new EventSnapshotBuilder();
        await foreach (var user in store.ReadUsersAsync(ct)) builder.AddUser(user);
        await foreach (var session in store.ReadSessionsAsync(ct)) builder.AddSession(session);
        await foreach (var visit in store.ReadPageVisitsAsync(0, ct)) builder.AddVisit(visit);
        return builder.Build();
    }
}
