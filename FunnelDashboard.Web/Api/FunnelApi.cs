using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Api;

public sealed record RefreshResponse(long EventCount, long Version, AnalyticsState State, string? Message);

public sealed record DropOffResponse(IReadOnlyList<DropOff> DropOffs, DropOff? Largest);

/// <summary>
/// The analytics endpoints. Query parameters share the grammar of <see cref="FunnelQuery"/>; bad ones give 400 with a
/// problem-details body naming each parameter. While the data is still being prepared, or when the store was down before
/// any data could be loaded, they answer 503 with Retry-After: zeros would look like "no users" rather than "no answer".
/// After data has loaded, an outage keeps serving that data.
/// </summary>
public static class FunnelApi
{
    public static IEndpointRouteBuilder MapFunnelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQuery("/dashboard/metrics", "Dashboard", FunnelQuery.ParseFilter, (view, filter) => view.GetMetrics(filter))
            .WithSummary("Users, sessions, overall conversion and conversion by device (filters: from, to, device, sex).");
        endpoints.MapQuery("/funnel/analysis", "Funnel", FunnelQuery.Parse, (view, query) => view.GetFunnel(query))
            .WithSummary("Users per step with conversion, drop-off and time to next step (steps, from, to, device, sex, breakdown, window).");
        endpoints.MapQuery("/funnel/dropoff", "Funnel", FunnelQuery.Parse, (view, query) => DropOffs(view.GetFunnel(query)))
            .WithSummary("Users lost between consecutive steps, and where most are lost.");
        endpoints.MapPost("/analytics/refresh", RefreshAsync).WithTags("Dashboard").RequireAuthorization(Policies.Admin)
            .WithSummary("Reads what is new in the store into the analytics now (admin key); answers with the snapshot's event count.");
        return endpoints;
    }

    static async Task<Ok<RefreshResponse>> RefreshAsync(FunnelAnalytics analytics, AuditLog audit, HttpContext context, CancellationToken ct)
    {
        var view = await analytics.RefreshAsync(ct);
        await audit.RecordAsync(AccountPrincipal.Actor(context.User), "analytics.refresh", "", AuditOutcome.Success, $"{view.EventCount} events, version {view.Version}", ct);
        return TypedResults.Ok(new RefreshResponse(view.EventCount, view.Version, view.State, view.StatusMessage));
    }

    static DropOffResponse DropOffs(FunnelResult funnel)
    {
        var dropOffs = DropOff.Of(funnel.Steps);
        return new(dropOffs, dropOffs.Where(d => d.UsersLost > 0).MaxBy(d => d.UsersLost));
    }

    /// <summary>503 with Retry-After while the first snapshot is being prepared (e.g. during first-start seeding) or could not be loaded.</summary>
    internal static ProblemHttpResult? NotReady(HttpRequest request, IAnalyticsView view)
    {
        var (title, retryAfterSeconds) = view.State switch
        {
            AnalyticsState.Preparing => ("Data is being prepared", "5"),
            AnalyticsState.Unavailable when view.DataRange is null => ("The data could not be loaded", "30"),
            _ => (null, null),
        };
        if (title is null) return null;
        request.HttpContext.Response.Headers.RetryAfter = retryAfterSeconds;
        return TypedResults.Problem(view.StatusMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: title);
    }
}
