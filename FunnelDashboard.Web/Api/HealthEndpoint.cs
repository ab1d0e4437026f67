using FunnelDashboard.Core.Analytics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunnelDashboard.Web.Api;

public sealed record ServiceHealth(string Status, string? Description);

public sealed record AnalyticsHealth(AnalyticsState State, string? Message, DateRange? DataRange);

public sealed record HealthResponse(string Status, DateTime Timestamp, IReadOnlyDictionary<string, ServiceHealth> Services, AnalyticsHealth Analytics);

public static class HealthEndpoint
{
    /// <summary>GET /health: the health checks (the store among them; 503 when one fails) and the analytics state.</summary>
    public static IEndpointRouteBuilder MapFunnelHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (HealthCheckService health, IFunnelAnalytics analytics, CancellationToken ct) =>
            {
                var report = await health.CheckHealthAsync(ct);
                var view = analytics.Current;
                var body = new HealthResponse(report.Status.ToString(), DateTime.UtcNow,
                    report.Entries.ToDictionary(e => e.Key, e => new ServiceHealth(e.Value.Status.ToString(), e.Value.Description)),
                    new AnalyticsHealth(view.State, view.StatusMessage, view.DataRange));
                return TypedResults.Json(body, ApiJson.Options,
                    statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
            })
            .WithTags("Health")
            .WithSummary("Store status (503 when unreachable) and whether the analytics are ready.")
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}
