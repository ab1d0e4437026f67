using System.Globalization;
using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Api;

/// <summary>
/// The analytics beyond the funnel (trends, journeys, cohorts, sentiment, one user's story) and the funnel's
/// significance test. Parameters share <see cref="FunnelQuery"/>'s grammar and its errors: 400 problem details naming
/// each bad parameter; 503 while the data is being prepared, as for the funnel.
/// </summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQuery("/analytics/conversion-trends", "Analytics", TrendsQuery.Parse, (view, query) => view.GetConversionTrends(query))
            .WithSummary("Conversion of the default funnel per period (granularity=day|week|month, breakdown=device|sex; from, to, device, sex) " +
                         "with a 95 % Wilson interval (lower, upper); users count in the period of their first entry into the funnel.");
        endpoints.MapQuery("/analytics/user-journey", "Analytics", JourneyQuery.Parse, (view, query) => view.GetUserJourneys(query))
            .WithSummary($"The most common page paths within a session (first max_length pages, 1-{JourneyQuery.MaxMaxLength}, default {JourneyQuery.DefaultMaxLength}; " +
                         $"limit 1-{JourneyQuery.MaxLimit}, default {JourneyQuery.DefaultLimit}) with users, share and conversion, and the users of each " +
                         "page-to-page flow including exits; sessions counted by their first visit's date (from, to, device, sex).");
        endpoints.MapQuery("/analytics/cohort", "Analytics", CohortQuery.Parse, (view, query) => view.GetCohortRetention(query))
            .WithSummary("Cohorts by first visit (period=week|month; from and to choose cohorts; device, sex): size, the share active in each " +
                         "following period and the share that reached confirmation in it.");
        endpoints.MapQuery("/sentiment/analysis", "Sentiment", SentimentQuery.Parse, (view, query) => view.GetSentiment(query))
            .WithSummary("Per page (or one page: page=P): frustrated (back, repeated clicks = 3+ clicks within 1 s and 30 px, rapid scrolling = " +
                         "3+ scrolls within 1 s), engaged (other clicks, scrolls, hovers, form fills) and satisfied (purchases, form submits, " +
                         $"sessions of {SentimentAnalysis.LongSessionSeconds / 60}+ min) patterns; score = (engaged + satisfied - frustrated) / total; " +
                         $"confidence = n / (n + {SentimentAnalysis.ConfidenceHalfPoint}) for n patterns; and the daily trend of the score.");
        endpoints.MapGet("/users/{user_id}/behavior", Behavior)
            .WithTags("Users")
            .WithSummary("One user's story: device, sex, first visit, sessions with their visits and interactions, the deepest funnel step " +
                         "reached and the user's sentiment (from, to choose sessions); 404 for an unknown user.");
        endpoints.MapQuery("/funnel/significance", "Funnel", ParseGroups, (view, query) => view.GetSignificance(query))
            .WithSummary("With breakdown=device|sex (required): each group's conversion through the funnel with a 95 % Wilson interval, and for " +
                         "two groups the pooled two-proportion z-test of their difference (z, two-sided pValue); funnel parameters as /funnel/analysis.");
        endpoints.MapQuery("/funnel/time-to-convert", "Funnel", TimeToConvertQuery.Parse, (view, query) => view.GetTimeToConvert(query))
            .WithSummary("A histogram of the time from one funnel step to a later one (from_step, to_step: page names; default the first and last " +
                         "step), with median and p90, for the users who reached to_step; funnel parameters as /funnel/analysis.");
        return endpoints;
    }

    static Results<Ok<UserBehavior>, ValidationProblem, ProblemHttpResult> Behavior(string user_id, HttpRequest request, IFunnelAnalytics analytics)
    {
        var filter = FunnelQuery.ParseFilter(name => request.Query[name]);
        var errors = new Dictionary<string, string[]>(filter.Errors);
        if (!long.TryParse(user_id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            errors["user_id"] = [$"'{user_id}' is not a user id; give a whole number."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = analytics.Current;
        if (FunnelApi.NotReady(request, view) is { } notReady) return notReady;
        return view.GetUserBehavior(id, filter.Value!) is { } behavior
            ? TypedResults.Ok(behavior)
            : TypedResults.Problem($"There is no user {id}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown user");
    }

    /// <summary>A funnel query with the breakdown significance needs: it compares groups.</summary>
    static QueryParseResult<FunnelQuery> ParseGroups(Func<string, string?> parameter)
    {
        var parsed = FunnelQuery.Parse(parameter);
        if (parsed.Value is not { Breakdown: Breakdown.None }) return parsed;
        return new(null, new Dictionary<string, string[]> { ["breakdown"] = ["Significance compares groups: give breakdown=device or breakdown=sex."] });
    }
}
