using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunnelDashboard.Web.Hosting;

/// <summary>Whether the store answers. The driver's message (addresses, server errors) goes to the log, not to clients.</summary>
public sealed class StoreHealthCheck(IEventStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await store.PingAsync(ct);
            return HealthCheckResult.Healthy($"{store.Provider} store reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Health check: the {Provider} store is unreachable: {Error}", store.Provider, e.Message);
            return HealthCheckResult.Unhealthy($"{store.Provider} store unreachable");
        }
    }
}
