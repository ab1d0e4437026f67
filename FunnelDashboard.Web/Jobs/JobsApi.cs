using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Web.Security;
using System.Globalization;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Forecasting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FunnelDashboard.Web.Jobs;

/// <summary>
/// Retraining and the job runner over HTTP, for admins only (401 without a key, 403 with a key of another role):
/// queue a retraining (202 with Location /jobs/{id}), follow jobs, cancel one.
/// </summary>
public static class JobsApi
{
    const int MaxBodyBytes = 1024, DefaultLimit = 50, MaxLimit = 500;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("").RequireAuthorization(Policies.Admin).WithTags("Admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/models/retrain", RetrainAsync).Accepts<RetrainRequest>("application/json")
            .WithSummary("Queues retraining of one model or all: {\"model\": \"forecast\"} or {\"model\": \"all\"}; 202 with Location /jobs/{id}.")
            .Produces<JobResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        admin.MapGet("/jobs", ListAsync)
            .WithSummary($"The newest jobs first (limit 1-{MaxLimit}, default {DefaultLimit}): retraining, imports, analytics refreshes, with state and progress.");
        admin.MapGet("/jobs/{id}", GetAsync)
            .WithSummary("One job: id, kind, state (queued, running, succeeded, failed, cancelled), progress 0-1, message, startedBy, times, log, loss curve.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/jobs/{id}/cancel", CancelAsync)
            .WithSummary("Cancels a queued job, or stops a running one within a second (the served models stay as they were).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> RetrainAsync(HttpContext context, Retraining retraining, AuditLog audit)
    {
        var body = await JsonBody.ReadAsync<RetrainRequest>(context.Request, MaxBodyBytes);
        if (body.Refusal is { } refusal) return refusal;
        if (body.Value is not { } value) return TypedResults.ValidationProblem(body.Errors);
        if (value.Model is not { } model || !retraining.IsKnown(model))
        {
            var problem = $"{(value.Model is null ? "Name the model to retrain" : $"Unknown model '{value.Model}'")}: one of {string.Join(", ", retraining.Models)}.";
            await audit.RecordAsync(AccountPrincipal.Actor(context.User), JobRunner.StartAction, "", AuditOutcome.Failure, problem, context.RequestAborted);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = [problem] });
        }
        var job = await retraining.EnqueueAsync(model, AccountPrincipal.Actor(context.User));
        return TypedResults.Accepted($"/jobs/{job.Record.Id}", JobResponse.From(job));
    }

    static async Task<Results<Ok<IReadOnlyList<JobResponse>>, ValidationProblem>> ListAsync(HttpRequest request, JobRunner runner)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"'{text}' is not a whole number from 1 to {MaxLimit}."] });
        var jobs = await runner.ListAsync(limit, request.HttpContext.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<JobResponse>>(jobs.Select(JobResponse.From).ToList());
    }

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(string id, JobRunner runner, CancellationToken ct) =>
        await runner.GetAsync(id, ct) is { } job ? TypedResults.Ok(JobResponse.From(job)) : NoSuchJob(id);

    static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> CancelAsync(string id, HttpContext context, JobRunner runner) =>
        await runner.CancelAsync(id, AccountPrincipal.Actor(context.User)) switch
        {
            CancelOutcome.Cancelled => TypedResults.Ok(JobResponse.From((await runner.GetAsync(id))!)),
            CancelOutcome.AlreadyFinished => TypedResults.Problem($"Job {id} has already ended.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to cancel"),
            _ => await runner.GetAsync(id) is null
                ? NoSuchJob(id)
                : TypedResults.Problem($"Job {id} ran in an earlier run of the app and has ended.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to cancel"),
        };

    static ProblemHttpResult NoSuchJob(string id) =>
        TypedResults.Problem($"There is no job '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such job");
}
