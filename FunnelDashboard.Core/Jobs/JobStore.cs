using System.Data.Common;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Jobs;

/// <summary>
/// The history of background jobs in the app's SQL store (SQLite or PostgreSQL), in a table of its own that this class
/// creates idempotently (see <see cref="SqlDatabase"/>). A job is saved whole each time it changes state.
/// </summary>
public sealed class JobStore(SqlDatabase database)
{
    const string Table = "admin_jobs";
    const string Columns = "id, kind, started_by, state, progress, message, queued_at, started_at, ended_at, log";

    public async Task InitializeAsync(CancellationToken ct = default) => await database.ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, started_by TEXT NOT NULL, state TEXT NOT NULL, progress DOUBLE PRECISION NOT NULL,
            message TEXT, queued_at BIGINT NOT NULL, started_at BIGINT, ended_at BIGINT, log TEXT NOT NULL)
        """, ct);

    /// <summary>Inserts the job, or replaces what is stored of it.</summary>
    public async Task SaveAsync(JobRecord job, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, $"""
            INSERT INTO {Table} ({Columns}) VALUES (@id, @kind, @started_by, @state, @progress, @message, @queued_at, @started_at, @ended_at, @log)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, progress = excluded.progress, message = excluded.message,
                started_at = excluded.started_at, ended_at = excluded.ended_at, log = excluded.log
            """,
            ("id", job.Id), ("kind", job.Kind), ("started_by", job.StartedBy), ("state", job.State.ToString()), ("progress", job.Progress),
            ("message", (object?)job.Message ?? DBNull.Value), ("queued_at", job.QueuedAt.ToUnixTimeMilliseconds()),
            ("started_at", (object?)job.StartedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value),
            ("ended_at", (object?)job.EndedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value), ("log", string.Join('\n', job.Log)));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The newest jobs first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<JobRecord>> ListAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null,
            $"SELECT {Columns} FROM {Table} ORDER BY queued_at DESC, id DESC LIMIT @limit", ("limit", limit));
        return await ReadAsync(command, ct);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, $"SELECT {Columns} FROM {Table} WHERE id = @id", ("id", id));
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>
    /// Ends the jobs an earlier run of the app left queued or running (it stopped before they finished): they become
    /// failed with <paramref name="reason"/>. Returns how many there were.
    /// </summary>
    public async Task<int> FailUnfinishedAsync(string reason, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null,
            $"UPDATE {Table} SET state = @failed, message = @reason, ended_at = @now WHERE state IN (@queued, @running)",
            ("failed", nameof(JobState.Failed)), ("reason", reason), ("now", now.ToUnixTimeMilliseconds()),
            ("queued", nameof(JobState.Queued)), ("running", nameof(JobState.Running)));
        return await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<IReadOnlyList<JobRecord>> ReadAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct))
        {
            var log = reader.GetString(9);
            jobs.Add(new JobRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<JobState>(reader.GetString(3)),
                reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetString(5), Time(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : Time(reader.GetInt64(7)), reader.IsDBNull(8) ? null : Time(reader.GetInt64(8)),
                log.Length == 0 ? [] : log.Split('\n')));
        }
        return jobs;
    }

    static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
