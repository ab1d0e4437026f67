using System.Data.Common;
using System.Runtime.CompilerServices;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Storage;

/// <summary>
/// What the SQL stores share: schema migration, counts and the readers. A dialect supplies the connection, its
/// migrations, how dates and times are stored, and the fastest bulk insert it has.
/// Pages, devices, sexes and interaction types are stored as the small integer codes of their enums.
/// </summary>
public abstract partial class SqlEventStore : IEventStore
{
    public abstract string Provider { get; }

    /// <summary>Schema migrations in order; migration i brings the schema to version i + 1.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);
    protected abstract DateOnly ReadDate(DbDataReader reader, int ordinal);
    protected abstract DateTime ReadTime(DbDataReader reader, int ordinal);
    protected abstract object TimeValue(DateTime time);
    protected abstract Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, ImportBatch batch, CancellationToken ct);

    /// <summary>
    /// Makes writing transactions take turns, across connections and processes, so event ids become visible in the
    /// order they were assigned: a reader tailing by id never skips a row that commits late with a smaller id.
    /// </summary>
    protected abstract Task LockWritersAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct));
        if (current > Migrations.Count)
            throw new InvalidOperationException($"The {Provider} database has schema version {current}, newer than this app knows ({Migrations.Count}). Upgrade the app.");
        for (var version = current; version < Migrations.Count; version++)
            await ExecuteAsync(connection, transaction, Migrations[version], ct);
        if (current < Migrations.Count)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM schema_version", ct);
            await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({Migrations.Count})", ct);
        }
        await transaction.CommitAsync(ct);
    }

    public async Task PingAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await ScalarAsync(connection, null, "SELECT COUNT(*) FROM schema_version", ct);
    }

    public async Task<StoreCounts> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        async Task<long> Count(string table) => Convert.ToInt64(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM {table}", ct));
        return new(await Count("users"), await Count("sessions"), await Count("page_visits"), await Count("interactions"), await Count("imports"));
    }

    public async Task<IReadOnlySet<long>> FindStoredUsersAsync(IReadOnlyCollection<long> userIds, CancellationToken ct = default)
    {
        var wanted = userIds as IReadOnlySet<long> ?? userIds.ToHashSet();
        var found = new HashSet<long>();
        await foreach (var id in QueryAsync("SELECT id FROM users", r => r.GetInt64(0), ct))
            if (wanted.Contains(id)) found.Add(id);
        return found;
    }

    public async Task<bool> WasImportedAsync(string fingerprint, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM imports WHERE fingerprint = @fingerprint", ("fingerprint", fingerprint));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
    }

    public async Task ImportAsync(ImportBatch batch, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockWritersAsync(connection, transaction, ct);
        await BulkInsertAsync(connection, transaction, batch, ct);
        await using (var record = Command(connection, transaction,
            "INSERT INTO imports (fingerprint, source, imported_at, users, page_visits, interactions) VALUES (@fingerprint, @source, @at, @users, @visits, @interactions)",
            ("fingerprint", batch.Fingerprint), ("source", batch.Source), ("at", TimeValue(DateTime.UtcNow)),
            ("users", (long)batch.Users.Count), ("visits", (long)batch.PageVisits.Count), ("interactions", (long)batch.Interactions.Count)))
        {
            await record.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    public IAsyncEnumerable<User> ReadUsersAsync(CancellationToken ct = default) =>
        QueryAsync("SELECT id, first_visit, device, sex FROM users ORDER BY id", ReadUser, ct);

    public IAsyncEnumerable<Session> ReadSessionsAsync(CancellationToken ct = default) =>
        QueryAsync("SELECT id, user_id, started_at, ended_at, converted FROM sessions ORDER BY id",
            r => new Session(r.GetInt64(0), r.GetInt64(1), ReadTime(r, 2), ReadTime(r, 3), r.GetBoolean(4)), ct);

    public IAsyncEnumerable<PageVisit> ReadPageVisitsAsync(long afterId = 0, CancellationToken ct = default) =>
        QueryAsync("SELECT id, user_id, session_id, page, ts, duration_s FROM page_visits WHERE id > @after ORDER BY id",
            r => new PageVisit(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), (FunnelPage)r.GetInt16(3), ReadTime(r, 4), r.GetInt32(5)), ct, ("after", afterId));

    public IAsyncEnumerable<Interaction> ReadInteractionsAsync(long afterId = 0, CancellationToken ct = default) =>
        QueryAsync("SELECT id, user_id, session_id, page, type, element_id, x, y, ts FROM interactions WHERE id > @after ORDER BY id",
            r => new Interaction(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), (FunnelPage)r.GetInt16(3), (InteractionType)r.GetInt16(4),
                r.GetString(5), r.GetInt32(6), r.GetInt32(7), ReadTime(r, 8)), ct, ("after", afterId));

    public async Task<IReadOnlyList<User>> ReadUsersAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        const int ChunkSize = 500; // well below every dialect's parameter limit
        var users = new List<User>(ids.Count);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var names = chunk.Select((_, i) => $"@id{i}").ToArray();
            var parameters = chunk.Select((id, i) => ($"id{i}", (object)id)).ToArray();
            await foreach (var user in QueryAsync($"SELECT id, first_visit, device, sex FROM users WHERE id IN ({string.Join(", ", names)})", ReadUser, ct, parameters))
                users.Add(user);
        }
        return users;
    }

    // A visit opens its session when no earlier-stored visit of the same user has the same session (the user index
    // keeps this a short scan per visit).
    public IAsyncEnumerable<SnapshotVisit> ReadVisitTailAsync(long afterId, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT v.id, v.user_id, v.page, v.ts, v.duration_s,
                   CASE WHEN EXISTS (SELECT 1 FROM page_visits p WHERE p.user_id = v.user_id AND p.session_id = v.session_id AND p.id < v.id)
                        THEN 0 ELSE 1 END
            FROM page_visits v WHERE v.id > @after ORDER BY v.id
            """,
            r => new SnapshotVisit(r.GetInt64(0), r.GetInt64(1), (FunnelPage)r.GetInt16(2), ReadTime(r, 3), r.GetInt32(4), r.GetInt32(5) == 1),
            ct, ("after", afterId));

    public IAsyncEnumerable<SnapshotInteraction> ReadInteractionTailAsync(long afterId, CancellationToken ct = default) =>
        QueryAsync("SELECT id, user_id, page, type, ts, x, y FROM interactions WHERE id > @after ORDER BY id",
            r => new SnapshotInteraction(r.GetInt64(0), r.GetInt64(1), (FunnelPage)r.GetInt16(2), (InteractionType)r.GetInt16(3), ReadTime(r, 4),
                r.GetInt32(5), r.GetInt32(6)),
            ct, ("after", afterId));

    User ReadUser(DbDataReader r) => new(r.GetInt64(0), ReadDate(r, 1), (Device)r.GetInt16(2), (Sex)r.GetInt16(3));

    async IAsyncEnumerable<T> QueryAsync<T>(string sql, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return map(reader);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters) =>
        SqlCommands.Create(connection, transaction, sql, parameters);

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(ct);
    }
}
