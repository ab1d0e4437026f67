using System.Security.Claims;
using System.Text.Json.Serialization;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Capture;

public sealed record CaptureAccepted(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("events")] int Events,
    [property: JsonPropertyName("duplicate")] bool Duplicate);

/// <summary>
/// POST /api/events: validates the whole batch (400 naming each bad field, nothing stored), applies the key's rate
/// limit and the queue's back-pressure (429 with Retry-After), and answers 202 only once the batch is committed;
/// a store that cannot take it gives 503 with Retry-After, so the client retries with the same batch_id.
/// </summary>
public static class CaptureApi
{
    const int StoreRetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapCaptureApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/events", CaptureAsync).RequireAuthorization(Policies.Capture).WithTags("Capture")
            .WithSummary("Stores a batch of page visits and interactions (X-Api-Key with role capture or admin); 202 once it is durable.")
            .Accepts<object>("application/json")
            .Produces<CaptureAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    static async Task<Results<Accepted<CaptureAccepted>, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        HttpContext context, CapturePipeline pipeline, CaptureRateLimiter limiter, ILoggerFactory loggers)
    {
        var request = await CaptureRequest.ReadAsync(context.Request, context.RequestAborted);
        if (request.TooLarge is { } tooLarge)
            return TypedResults.Problem(tooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
        if (request.Batch is not { } batch) return TypedResults.ValidationProblem(request.Errors, title: "The batch was not stored: some events are invalid");

        var key = context.User.FindFirstValue(ClaimTypes.Name)!;
        if (!limiter.TryAcquire(key, batch.Events.Count, out var wait))
            return TooManyRequests(context, wait, $"This key may send {limiter.EventsPerSecond:N0} events per second (Capture:EventsPerSecond); try again in {wait} s.");
        if (pipeline.TrySubmit(batch) is not { } stored)
            return TooManyRequests(context, 1, "The ingestion queue is full; try again in a second.");

        try
        {
            var isNew = await stored;
            return TypedResults.Accepted((string?)null, new CaptureAccepted(batch.BatchId, batch.Events.Count, Duplicate: !isNew));
        }
        catch (Exception e)
        {
            loggers.CreateLogger(typeof(CaptureApi)).LogWarning("Batch {BatchId} not acknowledged: {Error}", batch.BatchId, e.Message);
            context.Response.Headers.RetryAfter = $"{StoreRetryAfterSeconds}";
            return TypedResults.Problem($"The store could not take the batch, nothing of it was stored: {e.Message} Retry with the same batch_id.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable");
        }
    }

    static ProblemHttpResult TooManyRequests(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.Headers.RetryAfter = $"{retryAfterSeconds}";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many events");
    }
}
