using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunnelDashboard.Web.Api;

public static class HealthEndpoint
{
    /// <summary>GET /health: the store's status (503 when unreachable) and the analytics state, as JSON.</summary>
    public static IEndpointRouteBuilder MapFunnelHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).WithTags("Health");
        return endpoints;
    }

    static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var analytics = context.RequestServices.GetRequiredService<IFunnelAnalytics>();
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            timestamp = DateTime.UtcNow,
            services = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            analytics = new { state = analytics.State.ToString(), message = analytics.StatusMessage, dataRange = analytics.DataRange },
        }, ApiJson.Options);
    }
}
