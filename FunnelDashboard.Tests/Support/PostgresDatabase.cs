using Npgsql;

namespace FunnelDashboard.Tests.Support;

/// <summary>
/// A fresh, empty database on the PostgreSQL server that ./test.sh starts (FUNNEL_TEST_POSTGRES), dropped afterwards.
/// Without that server the PostgreSQL tests fail with a message saying how to run them: they are never skipped.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string ServerVariable = "FUNNEL_TEST_POSTGRES";
    readonly string name = "funnel_test_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException($"The PostgreSQL tests need a server: run ./test.sh, which starts one and sets {ServerVariable}.");

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection)) await create.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
