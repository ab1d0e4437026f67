using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Instances;

public static class InstancesServiceCollectionExtensions
{
    /// <summary>
    /// Messages between instances: over Redis when <c>Redis:Configuration</c> is set, else none. Another instance's
    /// new events make this one refresh its analytics at once.
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

/// <summary>Acts on what the other instances say.</summary>
sealed class InstanceMessageListener(IInstanceMessages messages, FunnelAnalytics analytics) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        messages.Received += OnReceived;
        return Task.CompletedTask;
    }

    void OnReceived(InstanceMessage message)
    {
        if (message == InstanceMessage.DataStored) analytics.RequestRefresh();
    }

    public Task StopAsync(CancellationToken ct)
    {
        messages.Received -= OnReceived;
        return Task.CompletedTask;
    }
}
