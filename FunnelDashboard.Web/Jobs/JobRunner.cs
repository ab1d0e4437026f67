using System.Collections.Concurrent;
using System.Threading.Channels;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Jobs;

namespace FunnelDashboard.Web.Jobs;

/// <summary>The work of one job; it reports through <paramref name="reporter"/> and stops soon after <paramref name="ct"/>.</summary>
public delegate Task JobWork(IJobReporter reporter, CancellationToken ct);

/// <summary>A job as the API and the admin page show it: its record, and the loss curve of what it trains now (if any).</summary>
public sealed record JobSnapshot(JobRecord Record, LossCurve? Curve);

public enum CancelOutcome { NotFound, AlreadyFinished, Cancelled }

/// <summary>
/// Runs the app's background jobs (retraining, imports, analytics refreshes) one at a time in the order they were
/// queued, so two trainings never compete for the two cores; the others wait. Every job is saved to the
/// <see cref="JobStore"/> when it changes state, so the history survives restarts (jobs a stopped app left unfinished
/// are marked failed at the next start); progress, log and loss curve are followed live through <see cref="Subscribe"/>.
/// Who asked for each job or its cancellation is passed to <see cref="EnqueueAsync"/> and <see cref="CancelAsync"/>,
/// which record it in the <see cref="AuditLog"/>: the one place that audits starting and cancelling jobs.
/// </summary>
public sealed class JobRunner : BackgroundService
{
    /// <summary>The audit actions of the jobs; a caller that refuses to queue a job records its refusal under <see cref="StartAction"/>.</summary>
    public const string StartAction = "job.start", CancelAction = "job.cancel";

    readonly JobStore store;
    readonly AuditLog audit;
    readonly TimeProvider time;
    readonly ILogger<JobRunner> logger;
    readonly Channel<LiveJob> queue = Channel.CreateUnbounded<LiveJob>();
    readonly ConcurrentDictionary<string, LiveJob> jobs = new();
    readonly ChangeNotifier changes;
    readonly Lazy<Task> storeReady;

    public JobRunner(JobStore store, AuditLog audit, TimeProvider time, ILogger<JobRunner> logger)
    {
        this.store = store;
        this.audit = audit;
        this.time = time;
        this.logger = logger;
        changes = new ChangeNotifier(time, e => logger.LogWarning(e, "A job subscriber failed"));
        storeReady = new Lazy<Task>(PrepareStoreAsync);
    }

    /// <summary>Calls <paramref name="onChanged"/> after jobs change (queued, progress, log, ended), at most once per <paramref name="minInterval"/>.</summary>
    public IDisposable Subscribe(Func<Task> onChanged, TimeSpan minInterval) => changes.Subscribe(onChanged, minInterval);

    /// <summary>Queues a job, and audits who did; it runs when the ones before it have ended.</summary>
    /// <param name="startedBy">Who asked for it (a user, an API key's name, "schedule").</param>
    public async Task<JobSnapshot> EnqueueAsync(string kind, string startedBy, JobWork work)
    {
        var job = new LiveJob(this, Guid.NewGuid().ToString("N"), kind, startedBy, work, time.GetUtcNow());
        jobs[job.Id] = job;
        _ = job.Persist();
        queue.Writer.TryWrite(job);
        logger.LogInformation("Job {Id} ({Kind}) queued by {Actor}", job.Id, kind, startedBy);
        changes.Notify();
        await AuditAsync(startedBy, StartAction, job.Id, AuditOutcome.Success, kind);
        return job.Snapshot();
    }

    /// <summary>
    /// Cancels a queued job at once, or asks a running one to stop (its work stops at its next check, within a second);
    /// audits who asked, as a failure when there was nothing to cancel.
    /// </summary>
    /// <param name="actor">Who cancelled it.</param>
    public async Task<CancelOutcome> CancelAsync(string id, string actor)
    {
        // Jobs of earlier runs of the app are all finished.
        var outcome = !jobs.TryGetValue(id, out var job) ? CancelOutcome.NotFound
            : !job.Cancel(actor) ? CancelOutcome.AlreadyFinished
            : CancelOutcome.Cancelled;
        if (outcome == CancelOutcome.Cancelled)
        {
            logger.LogInformation("Job {Id} ({Kind}) cancelled by {Actor}", id, job!.Kind, actor);
            changes.Notify();
        }
        await AuditAsync(actor, CancelAction, id, outcome == CancelOutcome.Cancelled ? AuditOutcome.Success : AuditOutcome.Failure, outcome switch
        {
            CancelOutcome.Cancelled => job!.Kind,
            CancelOutcome.AlreadyFinished => $"{job!.Kind}: it had already ended",
            _ => "no running or queued job has that id",
        });
        return outcome;
    }

    /// <summary>Records an action in the audit log; as with the history, a store that fails is logged and the jobs go on.</summary>
    async Task AuditAsync(string actor, string action, string target, AuditOutcome outcome, string detail)
    {
        try
        {
            await audit.RecordAsync(actor, action, target, outcome, detail);
        }
        catch (Exception e)
        {
            logger.LogError("The audit log could not record {Action} of job {Id} by {Actor}: {Error}", action, target, actor, e.Message);
        }
    }

    /// <summary>The jobs of this run of the app, newest first.</summary>
    public IReadOnlyList<JobSnapshot> Current =>
        jobs.Values.Select(j => j.Snapshot()).OrderByDescending(s => s.Record.QueuedAt).ThenByDescending(s => s.Record.Id).ToList();

    /// <summary>Whether a job of this kind is waiting or running (so a schedule does not queue another).</summary>
    public bool IsPending(string kind) => jobs.Values.Any(j => j.Kind == kind && !j.Snapshot().Record.IsFinished);

    /// <summary>The newest <paramref name="limit"/> jobs, this run's and the stored history's; this run's alone when the store cannot be read.</summary>
    public async Task<IReadOnlyList<JobSnapshot>> ListAsync(int limit, CancellationToken ct = default)
    {
        var current = Current;
        IReadOnlyList<JobRecord> history = [];
        try
        {
            await storeReady.Value;
            history = await store.ListAsync(limit, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The job history could not be read: {Error}", e.Message);
        }
        var live = current.Select(s => s.Record.Id).ToHashSet();
        return current.Concat(history.Where(r => !live.Contains(r.Id)).Select(r => new JobSnapshot(r, null)))
            .OrderByDescending(s => s.Record.QueuedAt).ThenByDescending(s => s.Record.Id).Take(limit).ToList();
    }

    /// <summary>One job of this run or of the history; null when there is none with that id.</summary>
    public async Task<JobSnapshot?> GetAsync(string id, CancellationToken ct = default)
    {
        if (jobs.TryGetValue(id, out var job)) return job.Snapshot();
        try
        {
            await storeReady.Value;
            return await store.GetAsync(id, ct) is { } record ? new JobSnapshot(record, null) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The job history could not be read: {Error}", e.Message);
            return null;
        }
    }

    /// <summary>Completes when the job of this run has ended, with its final record.</summary>
    public async Task<JobRecord> WhenFinishedAsync(string id, CancellationToken ct = default)
    {
        var job = jobs[id];
        await job.Finished.WaitAsync(ct);
        return job.Snapshot().Record;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storeReady.Value;
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            await job.RunAsync(stoppingToken);
    }

    async Task PrepareStoreAsync()
    {
        try
        {
            await store.InitializeAsync();
            var abandoned = await store.FailUnfinishedAsync("The app stopped before the job finished.", time.GetUtcNow());
            if (abandoned > 0) logger.LogWarning("{Count} jobs left unfinished by the previous run are marked failed", abandoned);
        }
        catch (Exception e)
        {
            // Jobs still run; only their history is not kept.
            logger.LogError("The job history table could not be prepared: {Error}", e.Message);
        }
    }

    /// <summary>A job of this run: its record, changed under a lock, and its persistence, in order.</summary>
    sealed class LiveJob(JobRunner runner, string id, string kind, string startedBy, JobWork work, DateTimeOffset queuedAt) : IJobReporter
    {
        const int MaxLogLines = 2000;
        readonly Lock gate = new();
        readonly List<string> log = [];
        readonly CancellationTokenSource cancel = new();
        readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        JobRecord record = new(id, kind, startedBy, JobState.Queued, 0, "Waiting for the jobs before it.", queuedAt, null, null, []);
        LossCurve? curve;
        string? cancelledBy;
        Task saving = Task.CompletedTask;

        public string Id => id;
        public string Kind => kind;
        public Task Finished => finished.Task;

        public JobSnapshot Snapshot()
        {
            lock (gate) return new JobSnapshot(record with { Log = log.ToArray() }, curve);
        }

        public void Report(double progress, string message)
        {
            lock (gate) record = record with { Progress = Math.Clamp(progress, 0, 1), Message = message };
            runner.changes.Notify();
        }

        public void Log(string line)
        {
            var stamped = $"{runner.time.GetUtcNow():HH:mm:ss} {line.ReplaceLineEndings(" ")}";
            lock (gate)
            {
                if (log.Count == MaxLogLines) log.RemoveAt(1); // the first line says how it started
                log.Add(stamped);
            }
            runner.changes.Notify();
        }

        public void Curve(string title, LossPoint point)
        {
            lock (gate) curve = new LossCurve(title, curve?.Title == title ? [.. curve.Points, point] : [point]);
            runner.changes.Notify();
        }

        /// <returns>False when the job had already ended.</returns>
        public bool Cancel(string actor)
        {
            lock (gate)
            {
                if (record.IsFinished) return false;
                cancelledBy = actor;
                if (record.State == JobState.Queued)
                    record = record with { State = JobState.Cancelled, Message = $"Cancelled by {actor} before it started.", EndedAt = runner.time.GetUtcNow() };
            }
            Log($"Cancel requested by {actor}.");
            cancel.Cancel();
            var saved = Persist();
            if (Snapshot().Record.IsFinished) _ = saved.ContinueWith(_ => finished.TrySetResult(), TaskScheduler.Default);
            return true;
        }

        public async Task RunAsync(CancellationToken stopping)
        {
            lock (gate)
            {
                if (record.State != JobState.Queued) return; // cancelled while it waited
                record = record with { State = JobState.Running, StartedAt = runner.time.GetUtcNow(), Message = "Starting…" };
            }
            Log($"Started ({kind}, queued by {startedBy}).");
            _ = Persist();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, stopping);
            try
            {
                await Task.Run(() => work(this, linked.Token), linked.Token);
                await EndAsync(JobState.Succeeded, null);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                await EndAsync(JobState.Cancelled, cancelledBy is { } by ? $"Cancelled by {by}." : "Cancelled: the app is stopping.");
            }
            catch (Exception e)
            {
                runner.logger.LogError(e, "Job {Id} ({Kind}) failed", id, kind);
                await EndAsync(JobState.Failed, $"Failed: {e.Message}");
            }
        }

        /// <summary>Records how the job ended and saves it; only then is it <see cref="Finished"/>.</summary>
        async Task EndAsync(JobState state, string? message)
        {
            lock (gate)
                record = record with
                {
                    State = state,
                    Progress = state == JobState.Succeeded ? 1 : record.Progress,
                    Message = message ?? record.Message,
                    EndedAt = runner.time.GetUtcNow(),
                };
            Log(message ?? "Done.");
            await Persist();
            finished.TrySetResult();
            runner.logger.LogInformation("Job {Id} ({Kind}) {State}", id, kind, state);
        }

        /// <summary>Saves the record as it is now, after the saves before it; the task ends when it is saved (or could not be).</summary>
        public Task Persist()
        {
            var snapshot = Snapshot().Record;
            lock (gate) return saving = SaveAsync(saving, snapshot);
        }

        async Task SaveAsync(Task previous, JobRecord snapshot)
        {
            await previous;
            try
            {
                await runner.storeReady.Value;
                await runner.store.SaveAsync(snapshot);
            }
            catch (Exception e)
            {
                runner.logger.LogWarning("Job {Id} could not be saved to the history: {Error}", id, e.Message);
            }
        }
    }
}
