using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Api;

/// <summary>The shape of every analytics endpoint: parse the query, refuse a bad one or a view without data, answer.</summary>
static class QueryEndpoint
{
    /// <summary>
    /// A GET endpoint under <paramref name="tag"/> that reads its query with <paramref name="parse"/>: 400 problem
    /// details naming each bad parameter, 503 while there is no data (<see cref="FunnelApi.NotReady"/>), else 200 with
    /// what <paramref name="answer"/> makes of the current view and the query.
    /// </summary>
    public static RouteHandlerBuilder MapQuery<TQuery, T>(this IEndpointRouteBuilder endpoints, string pattern, string tag,
        Func<Func<string, string?>, QueryParseResult<TQuery>> parse, Func<IAnalyticsView, TQuery, T> answer) where TQuery : class =>
        endpoints.MapGet(pattern, Results<Ok<T>, ValidationProblem, ProblemHttpResult> (HttpRequest request, IFunnelAnalytics analytics) =>
        {
            var parsed = parse(name => request.Query[name]);
            if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
            var view = analytics.Current;
            if (FunnelApi.NotReady(request, view) is { } notReady) return notReady;
            return TypedResults.Ok(answer(view, parsed.Value!));
        }).WithTags(tag);
}
