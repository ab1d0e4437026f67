using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FunnelDashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The store chosen by <see cref="StorageOptions"/> (configure them before), the importer, and the analytics service.
    /// </summary>
    public static IServiceCollection AddFunnelCore(this IServiceCollection services)
    {
        services.AddSingleton<IEventStore>(sp => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<FunnelAnalytics>();
        services.AddSingleton<IFunnelAnalytics>(sp => sp.GetRequiredService<FunnelAnalytics>());
        return services;
    }

    public static IEventStore CreateStore(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteEventStore(options.SqlitePath),
        StorageProvider.Postgres => new PostgresEventStore(NpgsqlDataSource.Create(
            options.PostgresConnectionString is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:Postgres is not set."))),
        _ => throw new InvalidOperationException($"Unknown Storage:Provider '{options.Provider}'; use Sqlite or Postgres."),
    };
}
