using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Api;

public sealed record DropOffResponse(IReadOnlyList<DropOff> DropOffs, DropOff? Largest);

/// <summary>
/// The analytics endpoints. Query parameters share the grammar of <see cref="FunnelQuery"/>; bad ones give 400 with a
/// problem-details body naming each parameter. While the data is still being prepared they answer 503 with Retry-After.
/// </summary>
public static class FunnelApi
{
    public static IEndpointRouteBuilder MapFunnelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/metrics", Metrics).WithTags("Dashboard")
            .WithSummary("Users, sessions, overall conversion and conversion by device (filters: from, to, device, sex).");
        endpoints.MapGet("/funnel/analysis", Analysis).WithTags("Funnel")
            .WithSummary("Users per step with conversion, drop-off and time to next step (steps, from, to, device, sex, breakdown, window).");
        endpoints.MapGet("/funnel/dropoff", DropOffs).WithTags("Funnel")
            .WithSummary("Users lost between consecutive steps, and where most are lost.");
        return endpoints;
    }

    static Results<Ok<DashboardMetrics>, ValidationProblem, ProblemHttpResult> Metrics(HttpRequest request, IFunnelAnalytics analytics)
    {
        var parsed = FunnelQuery.ParseFilter(name => request.Query[name]);
        if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
        if (NotReady(request, analytics.Current) is { } notReady) return notReady;
        return TypedResults.Ok(analytics.Current.GetMetrics(parsed.Value!));
    }

    static Results<Ok<FunnelResult>, ValidationProblem, ProblemHttpResult> Analysis(HttpRequest request, IFunnelAnalytics analytics)
    {
        var parsed = FunnelQuery.Parse(name => request.Query[name]);
        if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
        if (NotReady(request, analytics.Current) is { } notReady) return notReady;
        return TypedResults.Ok(analytics.Current.GetFunnel(parsed.Value!));
    }

    static Results<Ok<DropOffResponse>, ValidationProblem, ProblemHttpResult> DropOffs(HttpRequest request, IFunnelAnalytics analytics)
    {
        var parsed = FunnelQuery.Parse(name => request.Query[name]);
        if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
        if (NotReady(request, analytics.Current) is { } notReady) return notReady;
        var dropOffs = DropOff.Of(analytics.Current.GetFunnel(parsed.Value!).Steps);
        return TypedResults.Ok(new DropOffResponse(dropOffs, dropOffs.Where(d => d.UsersLost > 0).MaxBy(d => d.UsersLost)));
    }

    /// <summary>503 with Retry-After while the first snapshot is being prepared (e.g. during first-start seeding).</summary>
    internal static ProblemHttpResult? NotReady(HttpRequest request, IAnalyticsView view)
    {
        if (view.State != AnalyticsState.Preparing) return null;
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(view.StatusMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data is being prepared");
    }
}
