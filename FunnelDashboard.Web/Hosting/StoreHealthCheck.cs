using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunnelDashboard.Web.Hosting;

public sealed class StoreHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await store.PingAsync(ct);
            return HealthCheckResult.Healthy($"{store.Provider} store reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{store.Provider} store unreachable: {e.Message}");
        }
    }
}
