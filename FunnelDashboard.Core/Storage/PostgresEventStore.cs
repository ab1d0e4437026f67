using System.Data.Common;
using FunnelDashboard.Core.Domain;
using Npgsql;
using NpgsqlTypes;

namespace FunnelDashboard.Core.Storage;

/// <summary>PostgreSQL through Npgsql; bulk loads use binary COPY inside the import's transaction.</summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource) : SqlEventStore
{
    public override string Provider => "Postgres";

    protected override IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE users (id BIGINT PRIMARY KEY, first_visit DATE NOT NULL, device SMALLINT NOT NULL, sex SMALLINT NOT NULL);
        CREATE TABLE sessions (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id), started_at TIMESTAMPTZ NOT NULL,
            ended_at TIMESTAMPTZ NOT NULL, converted BOOLEAN NOT NULL);
        CREATE TABLE page_visits (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id),
            session_id BIGINT NOT NULL REFERENCES sessions(id), page SMALLINT NOT NULL, ts TIMESTAMPTZ NOT NULL, duration_s INTEGER NOT NULL);
        CREATE INDEX ix_page_visits_user_ts ON page_visits (user_id, ts);
        CREATE TABLE interactions (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id),
            session_id BIGINT NOT NULL REFERENCES sessions(id), page SMALLINT NOT NULL, type SMALLINT NOT NULL, element_id TEXT NOT NULL,
            x INTEGER NOT NULL, y INTEGER NOT NULL, ts TIMESTAMPTZ NOT NULL);
        CREATE INDEX ix_interactions_user_ts ON interactions (user_id, ts);
        CREATE TABLE imports (fingerprint TEXT PRIMARY KEY, source TEXT NOT NULL, imported_at TIMESTAMPTZ NOT NULL,
            users BIGINT NOT NULL, page_visits BIGINT NOT NULL, interactions BIGINT NOT NULL);
        """,
        // v2, live capture: client session ids, the batches already stored, and visits by session for tailing readers.
        """
        ALTER TABLE sessions ADD COLUMN external_id TEXT;
        CREATE UNIQUE INDEX ux_sessions_user_external ON sessions (user_id, external_id);
        CREATE INDEX ix_page_visits_session ON page_visits (session_id, id);
        CREATE TABLE captured_batches (batch_id TEXT PRIMARY KEY, captured_at TIMESTAMPTZ NOT NULL, events INTEGER NOT NULL);
        """,
    ];

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    protected override DateTime ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal);

    protected override object TimeValue(DateTime time) => UtcTime.Normalize(time);

    protected override string Least => "LEAST";
    protected override string Greatest => "GREATEST";

    protected override object DateValue(DateOnly date) => date;

    /// <summary>A transaction-scoped advisory lock, held until commit or rollback; the key is "FUNL" in ASCII.</summary>
    protected override async Task LockWritersAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(1179993676)");
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        await CopyAsync(npgsql, "users (id, first_visit, device, sex)", batch.Users, async (w, u) =>
        {
            await w.WriteAsync(u.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(u.FirstVisit, NpgsqlDbType.Date, ct);
            await w.WriteAsync((short)u.Device, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync((short)u.Sex, NpgsqlDbType.Smallint, ct);
        }, ct);
        await CopyAsync(npgsql, "sessions (id, user_id, started_at, ended_at, converted)", batch.Sessions, async (w, s) =>
        {
            await w.WriteAsync(s.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(s.UserId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(UtcTime.Normalize(s.Start), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(UtcTime.Normalize(s.End), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(s.Converted, NpgsqlDbType.Boolean, ct);
        }, ct);
        await CopyAsync(npgsql, "page_visits (user_id, session_id, page, ts, duration_s)", batch.PageVisits, async (w, v) =>
        {
            await w.WriteAsync(v.UserId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(v.SessionId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync((short)v.Page, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(UtcTime.Normalize(v.Timestamp), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(v.DurationSeconds, NpgsqlDbType.Integer, ct);
        }, ct);
        await CopyAsync(npgsql, "interactions (user_id, session_id, page, type, element_id, x, y, ts)", batch.Interactions, async (w, i) =>
        {
            await w.WriteAsync(i.UserId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(i.SessionId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync((short)i.Page, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync((short)i.Type, NpgsqlDbType.Smallint, ct);
            await w.WriteAsync(i.ElementId, NpgsqlDbType.Text, ct);
            await w.WriteAsync(i.X, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(i.Y, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(UtcTime.Normalize(i.Timestamp), NpgsqlDbType.TimestampTz, ct);
        }, ct);
    }

    static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IReadOnlyList<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> writeRow, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writeRow(writer, row);
        }
        await writer.CompleteAsync(ct);
    }
}
