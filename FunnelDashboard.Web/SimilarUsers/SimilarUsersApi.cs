using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>The behavioural clusters of the served version, as GET /analytics/clusters answers them.</summary>
public sealed record ClustersResponse(int ModelVersion, int K, bool ChosenBySilhouette, double Silhouette, IReadOnlyList<UserCluster> Clusters);

/// <summary>
/// Similar users and behavioural clusters from the served two-tower version. Bad parameters give 400 naming each;
/// 503 with Retry-After while the data is prepared or no model exists yet (training, failed); 404 for an unknown user.
/// Answers are computed once per model version.
/// </summary>
public static class SimilarUsersApi
{
    public static IEndpointRouteBuilder MapSimilarUsersApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/similar/{user_id}", Similar)
            .WithTags("Users")
            .WithSummary($"The k users (k 1-{SimilarUsersQuery.MaxK}, default {SimilarUsersQuery.DefaultK}; device=Desktop|Mobile to keep one device) " +
                         "whose two-tower embeddings are nearest (cosine) to the user's, with score, device, deepest funnel step and dominant behaviour; " +
                         "404 for a user the model does not know, 503 with Retry-After while no model exists.");
        endpoints.MapGet("/analytics/clusters", Clusters)
            .WithTags("Analytics")
            .WithSummary("Behavioural clusters: k-means over the users' embeddings (k 2-12, default chosen by the best mean silhouette among 2-8), " +
                         "each with id, size, share, conversion (share reaching confirmation) and profile (device mix, mean sessions, interactions " +
                         "and seconds per visit, interaction mix, dominant behaviour, sentiment); 503 with Retry-After while no model exists.");
        return endpoints;
    }

    static Results<Ok<SimilarUsersAnswer>, ValidationProblem, ProblemHttpResult> Similar(string user_id, HttpRequest request,
        IFunnelAnalytics analytics, FunnelAnalytics snapshots, SimilarUsersService similarUsers)
    {
        var errors = new Dictionary<string, string[]>();
        SimilarUsersQuery.TryUserId(user_id, errors, out var userId);
        int k = SimilarUsersQuery.Count(request.Query["k"], "k", SimilarUsersQuery.DefaultK, 1, SimilarUsersQuery.MaxK, errors)!.Value;
        var device = SimilarUsersQuery.Device(request.Query["device"], errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (FunnelApi.NotReady(request, analytics.Current) is { } notReady) return notReady;
        if (similarUsers.Current is not { } model) return NoModel(request, similarUsers);
        var snapshot = snapshots.Snapshot;
        if (model.Similar(userId, k, device, snapshot) is { } answer) return TypedResults.Ok(answer);
        return TypedResults.Problem(model.UnknownUserMessage(userId, snapshot), statusCode: StatusCodes.Status404NotFound, title: "Unknown user");
    }

    static Results<Ok<ClustersResponse>, ValidationProblem, ProblemHttpResult> Clusters(HttpRequest request,
        IFunnelAnalytics analytics, FunnelAnalytics snapshots, SimilarUsersService similarUsers)
    {
        var errors = new Dictionary<string, string[]>();
        var k = SimilarUsersQuery.Count(request.Query["k"], "k", null, 2, similarUsers.Options.MaxClusters, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (FunnelApi.NotReady(request, analytics.Current) is { } notReady) return notReady;
        if (similarUsers.Current is not { } model) return NoModel(request, similarUsers);
        var clusters = model.Clusters(k, snapshots.Snapshot, similarUsers.Options);
        return TypedResults.Ok(new ClustersResponse(clusters.ModelVersion, clusters.K, clusters.ChosenBySilhouette, clusters.Silhouette, clusters.Clusters));
    }

    /// <summary>503 with Retry-After: soon while training, later when there is nothing to wait for but a retry.</summary>
    static ProblemHttpResult NoModel(HttpRequest request, SimilarUsersService similarUsers)
    {
        var status = similarUsers.Status;
        bool training = status.State == SimilarUsersState.Training;
        request.HttpContext.Response.Headers.RetryAfter = training ? "10" : "60";
        return TypedResults.Problem(status.Message ?? "There is no similar-users model yet.", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: training ? "The similar-users model is being trained" : "No similar-users model is available yet",
            extensions: new Dictionary<string, object?> { ["state"] = status.State, ["progress"] = status.Progress });
    }
}
