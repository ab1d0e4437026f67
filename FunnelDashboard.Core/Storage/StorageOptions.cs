namespace FunnelDashboard.Core.Storage;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>The "Storage" configuration section (environment: Storage__Provider, Storage__SqlitePath).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file; relative paths are under the app's content root.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "funnel.db");

    /// <summary>Filled from ConnectionStrings:Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    public string RequirePostgresConnectionString() => PostgresConnectionString is { Length: > 0 } connectionString
        ? connectionString
        : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set.");

    public Exception UnknownProvider() =>
        new InvalidOperationException($"Unknown Storage:Provider '{Provider}'; use Sqlite or Postgres.");
}
