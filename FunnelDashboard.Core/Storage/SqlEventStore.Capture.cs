using System.Data.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Storage;

/// <summary>
/// The live write path: captured batches are stored in one transaction, users and sessions created or updated from
/// their events, and each batch id remembered so a retried batch is never stored twice.
/// </summary>
public abstract partial class SqlEventStore
{
    /// <summary>
    /// Captured sessions are numbered from here up. Imported ones are userId * 8 + ordinal with user ids up to
    /// DatasetReader.MaxUserId, so they always stay below it and the two never collide.
    /// </summary>
    public const long FirstCapturedSessionId = 1L << 62;

    /// <summary>The SQL of the smaller and larger of two values (MIN/MAX in SQLite, LEAST/GREATEST in PostgreSQL).</summary>
    protected abstract string Least { get; }
    protected abstract string Greatest { get; }
    protected abstract object DateValue(DateOnly date);

    public async Task<IReadOnlyList<bool>> CaptureAsync(IReadOnlyList<CaptureBatch> batches, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockWritersAsync(connection, transaction, ct);

        var isNew = new bool[batches.Count];
        var events = new List<CapturedEvent>();
        await using (var claim = Statement(connection, transaction,
            "INSERT INTO captured_batches (batch_id, captured_at, events) VALUES (@p0, @p1, @p2) ON CONFLICT (batch_id) DO NOTHING", 3))
        {
            for (var i = 0; i < batches.Count; i++)
            {
                // A batch id claimed earlier, or earlier in this same group, affects no row: that batch is already stored.
                isNew[i] = await With(claim, batches[i].BatchId, TimeValue(DateTime.UtcNow), batches[i].Events.Count).ExecuteNonQueryAsync(ct) == 1;
                if (isNew[i]) events.AddRange(batches[i].Events);
            }
        }

        if (events.Count > 0)
        {
            await UpsertUsersAsync(connection, transaction, events, ct);
            var sessionIds = await UpsertSessionsAsync(connection, transaction, events, ct);
            var visits = new List<PageVisit>(events.Count);
            var interactions = new List<Interaction>();
            foreach (var e in events)
            {
                var sessionId = sessionIds[(e.UserId, e.SessionKey)];
                if (e.Interaction is { } type)
                    interactions.Add(new Interaction(0, e.UserId, sessionId, e.Page, type, e.ElementId, e.X, e.Y, e.Timestamp));
                else
                    visits.Add(new PageVisit(0, e.UserId, sessionId, e.Page, e.Timestamp, e.DurationSeconds));
            }
            await BulkInsertAsync(connection, transaction, new ImportBatch("", "", [], [], visits, interactions), ct);
        }
        await transaction.CommitAsync(ct);
        return isNew;
    }

    /// <summary>
    /// Creates the users the store does not know yet (first visit on the day of their earliest event; device and sex
    /// from the events that carry them, Desktop and Male until one does) and updates known ones: an earlier event moves
    /// the first visit back, a device or sex given replaces the stored one.
    /// </summary>
    async Task UpsertUsersAsync(DbConnection connection, DbTransaction transaction, List<CapturedEvent> events, CancellationToken ct)
    {
        var users = new Dictionary<long, (DateOnly Day, Device? Device, Sex? Sex)>();
        foreach (var e in events)
        {
            var day = DateOnly.FromDateTime(e.Timestamp);
            users[e.UserId] = users.TryGetValue(e.UserId, out var u)
                ? (day < u.Day ? day : u.Day, e.Device ?? u.Device, e.Sex ?? u.Sex)
                : (day, e.Device, e.Sex);
        }
        await using var upsert = Statement(connection, transaction, $"""
            INSERT INTO users (id, first_visit, device, sex) VALUES (@p0, @p1, @p2, @p3)
            ON CONFLICT (id) DO UPDATE SET first_visit = {Least}(users.first_visit, excluded.first_visit),
                device = CASE WHEN @p4 THEN excluded.device ELSE users.device END,
                sex = CASE WHEN @p5 THEN excluded.sex ELSE users.sex END
            """, 6);
        foreach (var (id, u) in users)
            await With(upsert, id, DateValue(u.Day), (short)(u.Device ?? default), (short)(u.Sex ?? default), u.Device.HasValue, u.Sex.HasValue).ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Creates a session on its first event and widens it with every later one (start, end); it is converted once it
    /// reaches the last funnel step. Returns each (user, client session id)'s store id.
    /// </summary>
    async Task<Dictionary<(long UserId, string Key), long>> UpsertSessionsAsync(DbConnection connection, DbTransaction transaction,
        List<CapturedEvent> events, CancellationToken ct)
    {
        var sessions = new Dictionary<(long UserId, string Key), (DateTime Start, DateTime End, bool Converted)>();
        foreach (var e in events)
        {
            var converted = e.IsPageVisit && e.Page == Names.AllPages[^1];
            sessions[(e.UserId, e.SessionKey)] = sessions.TryGetValue((e.UserId, e.SessionKey), out var s)
                ? (e.Timestamp < s.Start ? e.Timestamp : s.Start, e.End > s.End ? e.End : s.End, s.Converted || converted)
                : (e.Timestamp, e.End, converted);
        }

        // Writers take turns (LockWritersAsync), so the next free id cannot be taken by another transaction meanwhile.
        var next = Math.Max(FirstCapturedSessionId, Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM sessions", ct)) + 1);
        await using var upsert = Statement(connection, transaction, $"""
            INSERT INTO sessions (id, user_id, started_at, ended_at, converted, external_id) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT (user_id, external_id) DO UPDATE SET started_at = {Least}(sessions.started_at, excluded.started_at),
                ended_at = {Greatest}(sessions.ended_at, excluded.ended_at), converted = {Greatest}(sessions.converted, excluded.converted)
            RETURNING id
            """, 6);
        var ids = new Dictionary<(long, string), long>(sessions.Count);
        foreach (var (key, s) in sessions)
        {
            var id = Convert.ToInt64(await With(upsert, next, key.UserId, TimeValue(s.Start), TimeValue(s.End), s.Converted, key.Key).ExecuteScalarAsync(ct));
            if (id == next) next++;
            ids[key] = id;
        }
        return ids;
    }

    /// <summary>A statement with parameters @p0..@p(n-1), run once per row.</summary>
    static DbCommand Statement(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = Command(connection, transaction, sql);
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    static DbCommand With(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command;
    }
}
