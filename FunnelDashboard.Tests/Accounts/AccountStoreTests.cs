using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Tests.Web;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>Accounts, keys and the audit log behave the same on both stores (SQLite and PostgreSQL subclasses below).</summary>
public abstract class AccountStoreTests
{
    protected readonly TestClock Clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    protected abstract SqlDatabase CreateDatabase();

    async Task<(AccountStore Accounts, AuditLog Audit)> CreateAsync()
    {
        var database = CreateDatabase();
        var accounts = new AccountStore(database, Clock);
        var audit = new AuditLog(database, Clock);
        // Twice: a restart finds the tables there.
        for (var i = 0; i < 2; i++)
        {
            await accounts.InitializeAsync();
            await audit.InitializeAsync();
        }
        return (accounts, audit);
    }

    [Fact]
    public async Task A_user_reads_back_and_names_are_unique_whatever_their_case()
    {
        var (accounts, _) = await CreateAsync();
        var added = await accounts.TryAddUserAsync("Alice", "hash-1", "analyst", mustChangePassword: true);

        Assert.NotNull(added);
        Assert.Null(await accounts.TryAddUserAsync("ALICE", "hash-2", "admin", mustChangePassword: false));
        var found = await accounts.FindUserAsync("alice");
        Assert.Equal(added, found);
        Assert.Equal(("Alice", "hash-1", "analyst", true, false, 0, (DateTimeOffset?)null),
            (found!.Name, found.PasswordHash, found.Role, found.MustChangePassword, found.Disabled, found.FailedAttempts, found.LockedUntil));
        Assert.Equal(1, await accounts.CountUsersAsync());
        Assert.Null(await accounts.FindUserAsync("bob"));
    }

    [Fact]
    public async Task Role_disabled_and_password_changes_are_stored_and_only_enabled_admins_are_counted()
    {
        var (accounts, _) = await CreateAsync();
        var admin = (await accounts.TryAddUserAsync("root", "h", "admin", false))!;
        var other = (await accounts.TryAddUserAsync("carol", "h", "analyst", false))!;
        Assert.Equal(1, await accounts.CountEnabledAsync("admin"));

        await accounts.SetRoleAsync(other.Id, "admin");
        Assert.Equal(2, await accounts.CountEnabledAsync("admin"));
        await accounts.SetDisabledAsync(admin.Id, true);
        Assert.Equal(1, await accounts.CountEnabledAsync("admin"));
        await accounts.SetPasswordAsync(other.Id, "new-hash", mustChangePassword: true);

        var carol = (await accounts.GetUserAsync(other.Id))!;
        Assert.Equal(("admin", "new-hash", true), (carol.Role, carol.PasswordHash, carol.MustChangePassword));
        Assert.True((await accounts.GetUserAsync(admin.Id))!.Disabled);
        Assert.Equal(["carol", "root"], (await accounts.ListUsersAsync()).Select(u => u.Name));
        Assert.False(await accounts.SetRoleAsync(999, "admin"));
    }

    [Fact]
    public async Task The_fifth_failure_in_a_row_locks_the_account_and_a_success_or_reset_starts_the_count_again()
    {
        var (accounts, _) = await CreateAsync();
        var user = (await accounts.TryAddUserAsync("dave", "h", "analyst", false))!;
        var until = Clock.GetUtcNow().AddMinutes(5);

        for (var i = 0; i < 4; i++) Assert.Null(await accounts.RecordFailedSignInAsync(user.Id, 5, until));
        Assert.Equal(4, (await accounts.GetUserAsync(user.Id))!.FailedAttempts);
        await accounts.RecordSignInAsync(user.Id);
        Assert.Equal(0, (await accounts.GetUserAsync(user.Id))!.FailedAttempts);

        for (var i = 0; i < 4; i++) Assert.Null(await accounts.RecordFailedSignInAsync(user.Id, 5, until));
        Assert.Equal(until.ToUnixTimeMilliseconds(), (await accounts.RecordFailedSignInAsync(user.Id, 5, until))?.ToUnixTimeMilliseconds());
        var locked = (await accounts.GetUserAsync(user.Id))!;
        Assert.Equal((0, until.ToUnixTimeMilliseconds()), (locked.FailedAttempts, locked.LockedUntil?.ToUnixTimeMilliseconds()));

        await accounts.SetPasswordAsync(user.Id, "reset", mustChangePassword: true);
        Assert.Null((await accounts.GetUserAsync(user.Id))!.LockedUntil);
    }

    [Fact]
    public async Task A_stored_key_is_found_by_its_hash_until_revoked()
    {
        var (accounts, _) = await CreateAsync();
        byte[] hash = [1, 2, 3, 250], other = [9, 9];
        var key = await accounts.TryAddApiKeyAsync("Loader", "capture", hash, "fd_abcd", "root");
        Assert.NotNull(key);
        Assert.Null(await accounts.TryAddApiKeyAsync("loader", "admin", other, "fd_efgh", "root"));

        Assert.Equal(key, await accounts.FindActiveApiKeyAsync([1, 2, 3, 250]));
        Assert.Null(await accounts.FindActiveApiKeyAsync(other));
        Assert.True(await accounts.HasActiveApiKeysAsync());

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await accounts.RevokeApiKeyAsync(key!.Id));
        Assert.False(await accounts.RevokeApiKeyAsync(key.Id));
        Assert.Null(await accounts.FindActiveApiKeyAsync(hash));
        Assert.False(await accounts.HasActiveApiKeysAsync());
        var listed = Assert.Single(await accounts.ListApiKeysAsync());
        Assert.Equal(("Loader", "capture", "fd_abcd", "root"), (listed.Name, listed.Role, listed.Prefix, listed.CreatedBy));
        Assert.True(listed.Revoked > listed.Created);
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_and_counts_all_entries()
    {
        var (_, audit) = await CreateAsync();
        for (var i = 1; i <= 5; i++)
        {
            await audit.RecordAsync($"user{i}", "user.add", $"target{i}", i % 2 == 0 ? AuditOutcome.Failure : AuditOutcome.Success, i == 3 ? "why" : null);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (first, total) = await audit.ReadAsync(offset: 0, limit: 2);
        var (last, _) = await audit.ReadAsync(offset: 4, limit: 2);
        var (middle, _) = await audit.ReadAsync(offset: 2, limit: 1);

        Assert.Equal(5, total);
        Assert.Equal(["user5", "user4"], first.Select(e => e.Actor));
        Assert.Equal(AuditOutcome.Failure, first[1].Outcome);
        Assert.True(first[0].At > first[1].At);
        Assert.Equal(["user1"], last.Select(e => e.Actor));
        Assert.Equal(("user.add", "target3", AuditOutcome.Success, "why"), (middle[0].Action, middle[0].Target, middle[0].Outcome, middle[0].Detail));
    }
}

public sealed class SqliteAccountStoreTests : AccountStoreTests, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    protected override SqlDatabase CreateDatabase() => SqlDatabase.ForSqlite(Path.Combine(folder, Guid.NewGuid().ToString("N"), "funnel.db"));
}

public sealed class PostgresAccountStoreTests(PostgresDatabase database) : AccountStoreTests, IClassFixture<PostgresDatabase>
{
    protected override SqlDatabase CreateDatabase()
    {
        // Each test gets an empty schema: drop what an earlier test of this class created.
        using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        command.ExecuteNonQuery();
        return SqlDatabase.ForPostgres(Npgsql.NpgsqlDataSource.Create(database.ConnectionString));
    }
}
