using FunnelDashboard.Core;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Components;
using FunnelDashboard.Web.Components.Pages.Wall;

namespace FunnelDashboard.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    /// <summary>Storage options from configuration ("Storage" section and ConnectionStrings:Postgres), relative paths under the content root.</summary>
    public static IServiceCollection AddFunnelStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.PostConfigure<StorageOptions>(options =>
        {
            options.PostgresConnectionString ??= configuration.GetConnectionString("Postgres");
            options.SqlitePath = Path.GetFullPath(options.SqlitePath, contentRoot);
        });
        return services.AddFunnelCore();
    }

    /// <summary>Everything the web app serves: storage and analytics, seeding, health, the API and the UI.</summary>
    public static IServiceCollection AddFunnelWeb(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddFunnelStorage(configuration, contentRoot);
        services.Configure<SeedingOptions>(configuration.GetSection(SeedingOptions.Section));
        services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.Section));
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));
        services.AddHostedService<DataInitializer>();
        services.AddHostedService<MallocTrimmer>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddDashboardUi();
        services.AddOptions<WallOptions>().Bind(configuration.GetSection(WallOptions.Section))
            .Validate(wall => wall.StaleAfter > TimeSpan.Zero, $"{WallOptions.Section}:StaleAfter must be a positive time, e.g. 00:02:00.").ValidateOnStart();
        return services;
    }
}
