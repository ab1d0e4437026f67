using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.SimilarUsers;

namespace FunnelDashboard.Web.Instances;

public static class InstancesServiceCollectionExtensions
{
    /// <summary>
    /// Messages between instances: over Redis when <c>Redis:Configuration</c> is set, else none. Another instance's
    /// new events make this one refresh its analytics at once, its new models make this one serve them.
    /// </summary>
    public static IServiceCollection AddInstanceMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RedisOptions>(configuration.GetSection(RedisOptions.Section));
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"]))
            services.AddSingleton<IInstanceMessages, NoOtherInstances>();
        else
        {
            services.AddSingleton<RedisInstanceMessages>();
            services.AddSingleton<IInstanceMessages>(sp => sp.GetRequiredService<RedisInstanceMessages>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisInstanceMessages>());
        }
        services.AddHostedService<InstanceMessageListener>();
        return services;
    }
}

/// <summary>
/// Acts on what the other instances say: their new events make this one refresh its analytics; their model changes make
/// it serve what the shared model registry now says, loaded off the message thread while requests keep the old models.
/// </summary>
sealed class InstanceMessageListener(IInstanceMessages messages, FunnelAnalytics analytics, ForecastService forecasts,
    SimilarUsersService similarUsers, ILogger<InstanceMessageListener> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        messages.Received += OnReceived;
        return Task.CompletedTask;
    }

    void OnReceived(InstanceMessage message)
    {
        switch (message)
        {
            case InstanceMessage.DataStored:
                analytics.RequestRefresh();
                break;
            case InstanceMessage.ForecastModelsChanged:
                Reload("forecast models", () =>
                {
                    forecasts.ReloadFromRegistry();
                    return Task.CompletedTask;
                });
                break;
            case InstanceMessage.SimilarUsersModelChanged:
                Reload("similar-users model", () => similarUsers.LoadAsync());
                break;
        }
    }

    void Reload(string what, Func<Task> reload) => _ = Task.Run(async () =>
    {
        try
        {
            await reload();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Another instance changed the {What}, which could not be reloaded here; what is served stays", what);
        }
    });

    public Task StopAsync(CancellationToken ct)
    {
        messages.Received -= OnReceived;
        return Task.CompletedTask;
    }
}
