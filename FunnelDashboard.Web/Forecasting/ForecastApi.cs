using FunnelDashboard.Web.Security;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// The visit-forecast endpoints of the original prediction API. Bad parameters give 400 with problem details naming
/// each field; until a model is ready they answer 503 with Retry-After and why (training, failed, no data yet).
/// Retraining is a job (POST /models/retrain, <see cref="Jobs.JobsApi"/>); activating a stored version is for admins.
/// </summary>
public static class ForecastApi
{
    /// <summary>Request bodies are a few short fields; anything larger is refused.</summary>
    const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/predict/page-visits", PredictPageVisits).WithTags("Forecast")
            .WithSummary($"Forecast daily page visits with 80 % and 95 % intervals, in total or of one page (days_ahead 1-{ForecastQuery.MaxDaysAhead}, page).");
        endpoints.MapPost("/predict", Predict).WithTags("Forecast").Accepts<PredictRequest>("application/json")
            .WithSummary("Forecast one metric: {\"days_ahead\": 7, \"metric\": \"page_visits\", \"page\": \"home\"} (page optional).");
        endpoints.MapPost("/predict/multiple", PredictMultiple).WithTags("Forecast").Accepts<PredictMultipleRequest>("application/json")
            .WithSummary("Forecast several metrics: {\"metrics\": [\"page_visits\"], \"days_ahead\": 7}.");
        endpoints.MapGet("/model/info", ModelInfo).WithTags("Forecast")
            .WithSummary("The served (active) version of each series: data range, hyper-parameters, created by, metrics next to the baselines, interval coverage, training log, the other stored versions.");
        endpoints.MapPost("/models/{series}/versions/{version:int}/activate", Activate).WithTags("Admin")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Serves a stored good version of a series from now on (roll back or forward); the forecasts use it at once.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        return endpoints;
    }

    static Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult> PredictPageVisits(HttpRequest request, ForecastService forecasts)
    {
        var parsed = ForecastQuery.Parse(name => request.Query[name]);
        if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
        return Forecast(request, forecasts, parsed.Value!);
    }

    static async Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> Predict(HttpRequest request, ForecastService forecasts)
    {
        var body = await JsonBody.ReadAsync<PredictRequest>(request, MaxBodyBytes);
        if (body.Refusal is { } refusal) return refusal;
        if (body.Value is not { } value) return TypedResults.ValidationProblem(body.Errors);
        var parsed = ForecastQuery.Create(value.DaysAhead, value.Metric, value.Page);
        if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
        return Forecast(request, forecasts, parsed.Value!);
    }

    static async Task<Results<Ok<MultipleForecastResponse>, ValidationProblem, ProblemHttpResult>> PredictMultiple(HttpRequest request, ForecastService forecasts)
    {
        var body = await JsonBody.ReadAsync<PredictMultipleRequest>(request, MaxBodyBytes);
        if (body.Refusal is { } refusal) return refusal;
        if (body.Value is not { } value) return TypedResults.ValidationProblem(body.Errors);
        if (value.Metrics is not { Count: > 0 } metrics)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["metrics"] = ["Name at least one metric, e.g. [\"page_visits\"]."] });

        var queries = new List<ForecastQuery>();
        foreach (var metric in metrics)
        {
            var parsed = ForecastQuery.Create(value.DaysAhead, metric, value.Page, metricField: "metrics");
            if (!parsed.IsValid) return TypedResults.ValidationProblem(parsed.Errors);
            queries.Add(parsed.Value!);
        }

        var predictions = new Dictionary<string, ForecastResponse>();
        foreach (var query in queries)
        {
            if (!forecasts.TryForecast(query.Series, query.DaysAhead, out var forecast, out var unavailable))
                return Unavailable(request, forecasts, unavailable);
            predictions[query.Metric] = ForecastResponse.From(query.Metric, forecast);
        }
        return TypedResults.Ok(new MultipleForecastResponse(predictions));
    }

    static Results<Ok<ModelInfoResponse>, ProblemHttpResult> ModelInfo(HttpRequest request, ForecastService forecasts)
    {
        var models = forecasts.Models;
        if (models.Count == 0) return Unavailable(request, forecasts, forecasts.Status.Message ?? "There is no forecast model yet.");
        return TypedResults.Ok(new ModelInfoResponse(forecasts.Status,
            models.Values.Select(m => SeriesModelInfo.From(m, forecasts.TrainingLog(m.Info.SeriesKey, m.Info.Version))).ToList()));
    }

    static async Task<Results<Ok<ModelVersionSummary>, ValidationProblem, ProblemHttpResult>> Activate(string series, int version, HttpContext context, ForecastService forecasts)
    {
        try
        {
            return TypedResults.Ok(ModelVersionSummary.From(await forecasts.ActivateAsync(series, version, AccountPrincipal.Actor(context.User)), active: true));
        }
        catch (FileNotFoundException)
        {
            return TypedResults.Problem($"'{series}' has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "No such version");
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.ParamName == "series" ? "series" : "version"] = [e.Message] });
        }
    }

    static Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult> Forecast(HttpRequest request, ForecastService forecasts, ForecastQuery query) =>
        forecasts.TryForecast(query.Series, query.DaysAhead, out var forecast, out var unavailable)
            ? TypedResults.Ok(ForecastResponse.From(query.Metric, forecast))
            : Unavailable(request, forecasts, unavailable);

    /// <summary>503 with Retry-After: soon while training, later when there is nothing to wait for but a retry.</summary>
    static ProblemHttpResult Unavailable(HttpRequest request, ForecastService forecasts, string detail)
    {
        var status = forecasts.Status;
        var training = status.State == ForecastState.Training;
        request.HttpContext.Response.Headers.RetryAfter = training ? "10" : "60";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable,
            title: training ? "Forecast models are being trained" : "No forecast is available yet",
            extensions: new Dictionary<string, object?> { ["state"] = status.State, ["progress"] = status.Progress });
    }
}
