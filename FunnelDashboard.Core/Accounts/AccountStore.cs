using System.Data.Common;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Accounts;

/// <summary>
/// People's accounts and stored API keys, in tables of their own beside the event schema (created idempotently, see
/// <see cref="SqlDatabase"/>). Names are unique regardless of case. Times are kept as Unix milliseconds.
/// </summary>
public sealed class AccountStore(SqlDatabase database, TimeProvider clock)
{
    const string Users = "account_users", Keys = "account_api_keys";
    const string UserColumns = "id, name, password_hash, role, must_change_password, disabled, failed_attempts, locked_until, created_at";
    const string KeyColumns = "id, name, role, prefix, created_at, created_by, revoked_at";

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await database.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {Users} (
                id {database.IdentityKey}, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                role TEXT NOT NULL, must_change_password INTEGER NOT NULL, disabled INTEGER NOT NULL,
                failed_attempts INTEGER NOT NULL, locked_until BIGINT, created_at BIGINT NOT NULL)
            """, ct);
        await database.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {Keys} (
                id {database.IdentityKey}, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
                key_hash {database.BytesType} NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL, revoked_at BIGINT)
            """, ct);
    }

    public async Task<long> CountUsersAsync(CancellationToken ct = default) =>
        await ScalarAsync<long>($"SELECT COUNT(*) FROM {Users}", ct);

    /// <summary>Enabled users with the role, e.g. so the last admin is never disabled or demoted.</summary>
    public async Task<long> CountEnabledAsync(string role, CancellationToken ct = default) =>
        await ScalarAsync<long>($"SELECT COUNT(*) FROM {Users} WHERE role = @role AND disabled = 0", ct, ("role", role));

    /// <summary>Adds a user; null when the name is taken (in any case).</summary>
    public async Task<AccountUser?> TryAddUserAsync(string name, string passwordHash, string role, bool mustChangePassword, CancellationToken ct = default)
    {
        var users = await QueryUsersAsync($"""
            INSERT INTO {Users} (name, name_key, password_hash, role, must_change_password, disabled, failed_attempts, created_at)
            VALUES (@name, @key, @hash, @role, @must, 0, 0, @now)
            ON CONFLICT (name_key) DO NOTHING RETURNING {UserColumns}
            """, ct, ("name", name), ("key", NameKey(name)), ("hash", passwordHash), ("role", role), ("must", mustChangePassword ? 1 : 0), ("now", Now()));
        return users.SingleOrDefault();
    }

    public async Task<AccountUser?> FindUserAsync(string name, CancellationToken ct = default) =>
        (await QueryUsersAsync($"SELECT {UserColumns} FROM {Users} WHERE name_key = @key", ct, ("key", NameKey(name)))).SingleOrDefault();

    public async Task<AccountUser?> GetUserAsync(long id, CancellationToken ct = default) =>
        (await QueryUsersAsync($"SELECT {UserColumns} FROM {Users} WHERE id = @id", ct, ("id", id))).SingleOrDefault();

    public Task<IReadOnlyList<AccountUser>> ListUsersAsync(CancellationToken ct = default) =>
        QueryUsersAsync($"SELECT {UserColumns} FROM {Users} ORDER BY name_key", ct);

    /// <summary>A new password (hash) for the user; a reset also lifts a lockout.</summary>
    public Task<bool> SetPasswordAsync(long id, string passwordHash, bool mustChangePassword, CancellationToken ct = default) =>
        UpdateAsync($"UPDATE {Users} SET password_hash = @hash, must_change_password = @must, failed_attempts = 0, locked_until = NULL WHERE id = @id",
            ct, ("id", id), ("hash", passwordHash), ("must", mustChangePassword ? 1 : 0));

    public Task<bool> SetRoleAsync(long id, string role, CancellationToken ct = default) =>
        UpdateAsync($"UPDATE {Users} SET role = @role WHERE id = @id", ct, ("id", id), ("role", role));

    public Task<bool> SetDisabledAsync(long id, bool disabled, CancellationToken ct = default) =>
        UpdateAsync($"UPDATE {Users} SET disabled = @disabled WHERE id = @id", ct, ("id", id), ("disabled", disabled ? 1 : 0));

    /// <summary>
    /// Counts a wrong password. The <paramref name="maxAttempts"/>th in a row locks the account until
    /// <paramref name="lockUntil"/> (and starts the count again); one statement, so parallel attempts all count.
    /// Returns when the account is now locked until, or null.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailedSignInAsync(long id, int maxAttempts, DateTimeOffset lockUntil, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, $"""
            UPDATE {Users} SET
                locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE locked_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
            WHERE id = @id RETURNING locked_until
            """, ("id", id), ("max", maxAttempts), ("until", lockUntil.ToUnixTimeMilliseconds()));
        var lockedUntil = await command.ExecuteScalarAsync(ct);
        return lockedUntil is null or DBNull ? null : FromUnix(Convert.ToInt64(lockedUntil));
    }

    /// <summary>A good password: the count of wrong ones starts again.</summary>
    public Task<bool> RecordSignInAsync(long id, CancellationToken ct = default) =>
        UpdateAsync($"UPDATE {Users} SET failed_attempts = 0, locked_until = NULL WHERE id = @id", ct, ("id", id));

    /// <summary>Stores a key by its hash; null when the name is taken (in any case).</summary>
    public async Task<StoredApiKey?> TryAddApiKeyAsync(string name, string role, byte[] keyHash, string prefix, string createdBy, CancellationToken ct = default)
    {
        var keys = await QueryKeysAsync($"""
            INSERT INTO {Keys} (name, name_key, role, key_hash, prefix, created_at, created_by)
            VALUES (@name, @key, @role, @hash, @prefix, @now, @by)
            ON CONFLICT (name_key) DO NOTHING RETURNING {KeyColumns}
            """, ct, ("name", name), ("key", NameKey(name)), ("role", role), ("hash", keyHash), ("prefix", prefix), ("now", Now()), ("by", createdBy));
        return keys.SingleOrDefault();
    }

    /// <summary>The non-revoked key with this SHA-256 hash, or null.</summary>
    public async Task<StoredApiKey?> FindActiveApiKeyAsync(byte[] keyHash, CancellationToken ct = default) =>
        (await QueryKeysAsync($"SELECT {KeyColumns} FROM {Keys} WHERE key_hash = @hash AND revoked_at IS NULL", ct, ("hash", keyHash))).SingleOrDefault();

    public async Task<bool> HasActiveApiKeysAsync(CancellationToken ct = default) =>
        await ScalarAsync<long>($"SELECT COUNT(*) FROM {Keys} WHERE revoked_at IS NULL", ct) > 0;

    /// <summary>Every key, newest first, revoked ones included.</summary>
    public Task<IReadOnlyList<StoredApiKey>> ListApiKeysAsync(CancellationToken ct = default) =>
        QueryKeysAsync($"SELECT {KeyColumns} FROM {Keys} ORDER BY id DESC", ct);

    /// <summary>Revokes a key for good; false when there is no such key or it was revoked already.</summary>
    public Task<bool> RevokeApiKeyAsync(long id, CancellationToken ct = default) =>
        UpdateAsync($"UPDATE {Keys} SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", ct, ("id", id), ("now", Now()));

    /// <remarks>Invariant lower case: "Admin" and "admin" are one name in both dialects, whatever their collation.</remarks>
    static string NameKey(string name) => name.Trim().ToLowerInvariant();

    long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    static DateTimeOffset? FromUnixOrNull(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : FromUnix(reader.GetInt64(column));

    async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, sql, parameters);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(ct))!, typeof(T));
    }

    async Task<bool> UpdateAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    Task<IReadOnlyList<AccountUser>> QueryUsersAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        QueryAsync(sql, ct, parameters, reader => new AccountUser(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4) != 0,
            reader.GetInt32(5) != 0, reader.GetInt32(6), FromUnixOrNull(reader, 7), FromUnix(reader.GetInt64(8))));

    Task<IReadOnlyList<StoredApiKey>> QueryKeysAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        QueryAsync(sql, ct, parameters, reader => new StoredApiKey(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromUnix(reader.GetInt64(4)),
            reader.GetString(5), FromUnixOrNull(reader, 6)));

    async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken ct, (string Name, object Value)[] parameters, Func<DbDataReader, T> read)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
