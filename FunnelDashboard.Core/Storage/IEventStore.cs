using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Storage;

/// <summary>
/// The durable source of truth: users, sessions and the append-only event tables (page visits, interactions), whose
/// ids increase with every append so readers can tail what is new. Implemented over SQLite and PostgreSQL.
/// </summary>
public interface IEventStore
{
    /// <summary>"Sqlite" or "Postgres", for logs and health.</summary>
    string Provider { get; }

    /// <summary>Creates or migrates the schema; safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Throws when the store cannot be reached.</summary>
    Task PingAsync(CancellationToken ct = default);

    Task<StoreCounts> CountAsync(CancellationToken ct = default);

    /// <summary>The ids among <paramref name="userIds"/> that are already stored.</summary>
    Task<IReadOnlySet<long>> FindStoredUsersAsync(IReadOnlyCollection<long> userIds, CancellationToken ct = default);

    /// <summary>Whether a batch with this fingerprint was imported before.</summary>
    Task<bool> WasImportedAsync(string fingerprint, CancellationToken ct = default);

    /// <summary>Stores the whole batch in one transaction: all of it, or nothing.</summary>
    Task ImportAsync(ImportBatch batch, CancellationToken ct = default);

    /// <summary>
    /// Stores live batches in one transaction, all or nothing (several batches at once commit faster than one each).
    /// Users and sessions the store does not know are created from their events, known ones updated. A batch whose id
    /// was stored before, or appears twice here, is stored once. Answers, per batch, whether it was new.
    /// </summary>
    Task<IReadOnlyList<bool>> CaptureAsync(IReadOnlyList<CaptureBatch> batches, CancellationToken ct = default);

    IAsyncEnumerable<User> ReadUsersAsync(CancellationToken ct = default);
    IAsyncEnumerable<Session> ReadSessionsAsync(CancellationToken ct = default);
    IAsyncEnumerable<PageVisit> ReadPageVisitsAsync(long afterId = 0, CancellationToken ct = default);
    IAsyncEnumerable<Interaction> ReadInteractionsAsync(long afterId = 0, CancellationToken ct = default);

    /// <summary>The users with these ids (those that exist), for growing the analytics snapshot.</summary>
    Task<IReadOnlyList<User>> ReadUsersAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default);

    /// <summary>
    /// The page visits with an id above <paramref name="afterId"/>, in id order, as the analytics snapshot reads them:
    /// each says whether it is the first stored visit of its session.
    /// </summary>
    IAsyncEnumerable<SnapshotVisit> ReadVisitTailAsync(long afterId, CancellationToken ct = default);

    /// <summary>The interactions with an id above <paramref name="afterId"/>, in id order, as the analytics snapshot reads them.</summary>
    IAsyncEnumerable<SnapshotInteraction> ReadInteractionTailAsync(long afterId, CancellationToken ct = default);
}

/// <summary>One page visit as the analytics snapshot reads it.</summary>
public readonly record struct SnapshotVisit(long Id, long UserId, FunnelPage Page, DateTime Timestamp, int DurationSeconds, bool StartsSession);

/// <summary>One interaction as the analytics snapshot reads it (without its session and element).</summary>
public readonly record struct SnapshotInteraction(long Id, long UserId, FunnelPage Page, InteractionType Type, DateTime Timestamp, int X, int Y);

public sealed record StoreCounts(long Users, long Sessions, long PageVisits, long Interactions, long Imports);

/// <summary>
/// What one import stores. Page visits and interactions get their ids from the store (their Id here is ignored);
/// sessions carry their own ids, which must be unique.
/// </summary>
public sealed record ImportBatch(
    string Fingerprint,
    string Source,
    IReadOnlyList<User> Users,
    IReadOnlyList<Session> Sessions,
    IReadOnlyList<PageVisit> PageVisits,
    IReadOnlyList<Interaction> Interactions);
