using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Accounts;

/// <summary>
/// The record of admin actions (sign-ins, user and key changes, refreshes, jobs...), in a table of its own. Any feature
/// records an action with one <see cref="RecordAsync"/> call; the admin page reads it newest first.
/// </summary>
public sealed class AuditLog(SqlDatabase database, TimeProvider clock)
{
    const string Table = "audit_log";
    volatile bool initialized;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await database.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {Table} (
                id {database.IdentityKey}, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
                outcome TEXT NOT NULL, detail TEXT)
            """, ct);
        initialized = true;
    }

    /// <param name="actor">who acted: a user name, an API key's name, or "system"</param>
    /// <param name="action">what was done, dotted and stable so it can be searched: "user.add", "key.revoke", "analytics.refresh"</param>
    /// <param name="target">what it was done to: a user name, a key name, a job id ("" when nothing in particular)</param>
    public async Task RecordAsync(string actor, string action, string target, AuditOutcome outcome, string? detail = null, CancellationToken ct = default)
    {
        // An action may come before the accounts initializer has made the table (a job queued at start).
        if (!initialized) await InitializeAsync(ct);
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null,
            $"INSERT INTO {Table} (at, actor, action, target, outcome, detail) VALUES (@at, @actor, @action, @target, @outcome, @detail)",
            ("at", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("actor", actor), ("action", action), ("target", target),
            ("outcome", outcome.ToString().ToLowerInvariant()), ("detail", (object?)detail ?? DBNull.Value));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One page of entries, newest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Total)> ReadAsync(int offset, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(ct);
        await using var count = SqlCommands.Create(connection, null, $"SELECT COUNT(*) FROM {Table}");
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(ct));
        await using var command = SqlCommands.Create(connection, null,
            $"SELECT id, at, actor, action, target, outcome, detail FROM {Table} ORDER BY id DESC LIMIT @limit OFFSET @offset",
            ("limit", limit), ("offset", offset));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), Enum.Parse<AuditOutcome>(reader.GetString(5), ignoreCase: true),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        return (entries, total);
    }
}
