using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Core.Vectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FunnelDashboard.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The store chosen by <see cref="StorageOptions"/> (configure them before), the same database for side tables
    /// (<see cref="SqlDatabase"/>, e.g. the vector store, accounts and the audit log), the importer, and the analytics service.
    /// </summary>
    public static IServiceCollection AddFunnelCore(this IServiceCollection services)
    {
        services.AddSingleton<IEventStore>(sp => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => SqlDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<VectorStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<DatasetImporter>();
        services.AddSingleton<FunnelAnalytics>();
        services.AddSingleton<IFunnelAnalytics>(sp => sp.GetRequiredService<FunnelAnalytics>());
        return services;
    }

    public static IEventStore CreateStore(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteEventStore(options.SqlitePath),
        StorageProvider.Postgres => new PostgresEventStore(NpgsqlDataSource.Create(options.RequirePostgresConnectionString())),
        _ => throw options.UnknownProvider(),
    };
}
