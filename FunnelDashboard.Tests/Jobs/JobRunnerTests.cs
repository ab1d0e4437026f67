using System.Diagnostics;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Jobs;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FunnelDashboard.Tests.Jobs;

/// <summary>The job runner over its history table, on both stores (SQLite and PostgreSQL subclasses below).</summary>
public abstract class JobRunnerTests : IAsyncLifetime
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    readonly List<JobRunner> runners = [];

    protected abstract SqlDatabase Database { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var runner in runners) await runner.StopAsync(CancellationToken.None);
    }

    async Task<JobRunner> StartRunnerAsync()
    {
        var runner = new JobRunner(new JobStore(Database), new AuditLog(Database, TimeProvider.System), TimeProvider.System, NullLogger<JobRunner>.Instance);
        runners.Add(runner);
        await runner.StartAsync(CancellationToken.None);
        return runner;
    }

    async Task<JobRecord> Record(JobRunner runner, JobSnapshot job) => (await runner.GetAsync(job.Record.Id))!.Record;

    [Fact]
    public async Task A_second_job_waits_until_the_first_has_ended()
    {
        var runner = await StartRunnerAsync();
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        var first = await runner.EnqueueAsync("retrain-forecast", "alice", async (_, ct) =>
        {
            started.SetResult();
            await release.Task.WaitAsync(ct);
        });
        var second = await runner.EnqueueAsync("import", "bob", (reporter, _) =>
        {
            reporter.Report(1, "imported");
            return Task.CompletedTask;
        });

        await started.Task.WaitAsync(Timeout);
        await Task.Delay(300); // time enough for a second worker to have started it, were there one
        Assert.Equal(JobState.Running, (await Record(runner, first)).State);
        Assert.Equal(JobState.Queued, (await Record(runner, second)).State);
        release.SetResult();

        var done = await runner.WhenFinishedAsync(second.Record.Id).WaitAsync(Timeout);
        var firstDone = await Record(runner, first);
        Assert.Equal((JobState.Succeeded, 1.0, "imported", "bob"), (done.State, done.Progress, done.Message, done.StartedBy));
        Assert.Equal(JobState.Succeeded, firstDone.State);
        Assert.True(firstDone.EndedAt <= done.StartedAt, $"the first ended at {firstDone.EndedAt:O}, the second started at {done.StartedAt:O}");
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_within_a_second()
    {
        var runner = await StartRunnerAsync();
        var started = new TaskCompletionSource();
        var epochs = 0;
        var job = await runner.EnqueueAsync("retrain-forecast", "alice", (reporter, ct) =>
        {
            started.TrySetResult();
            for (var epoch = 1; ; epoch++) // like training: checks between epochs of ~50 ms
            {
                ct.ThrowIfCancellationRequested();
                Volatile.Write(ref epochs, epoch);
                reporter.Report(epoch / 1000.0, $"epoch {epoch}");
                Thread.Sleep(50);
            }
        });
        await started.Task.WaitAsync(Timeout);

        // Counted in the work's own 50 ms epochs rather than on the clock, so a busy machine cannot fail it.
        var epochsAtCancel = Volatile.Read(ref epochs);
        Assert.Equal(CancelOutcome.Cancelled, await runner.CancelAsync(job.Record.Id, "carol"));
        var ended = await runner.WhenFinishedAsync(job.Record.Id).WaitAsync(Timeout);

        var epochsAfter = Volatile.Read(ref epochs) - epochsAtCancel;
        Assert.True(epochsAfter < 20, $"the work went on for {epochsAfter} epochs of 50 ms after the cancel");
        Assert.Equal((JobState.Cancelled, "Cancelled by carol."), (ended.State, ended.Message));
        Assert.Contains(ended.Log, line => line.EndsWith("Cancel requested by carol."));
        Assert.Equal(CancelOutcome.AlreadyFinished, await runner.CancelAsync(job.Record.Id, "carol"));
        Assert.Equal(CancelOutcome.NotFound, await runner.CancelAsync("no-such-job", "carol"));

        // Who started and who cancelled, and the two refused cancels, newest first.
        var audit = (await new AuditLog(Database, TimeProvider.System).ReadAsync(0, 500)).Entries
            .Where(e => e.Target == job.Record.Id || e.Target == "no-such-job").Select(e => (e.Actor, e.Action, e.Target, e.Outcome, e.Detail));
        Assert.Equal(
        [
            ("carol", JobRunner.CancelAction, "no-such-job", AuditOutcome.Failure, "no running or queued job has that id"),
            ("carol", JobRunner.CancelAction, job.Record.Id, AuditOutcome.Failure, "retrain-forecast: it had already ended"),
            ("carol", JobRunner.CancelAction, job.Record.Id, AuditOutcome.Success, "retrain-forecast"),
            ("alice", JobRunner.StartAction, job.Record.Id, AuditOutcome.Success, "retrain-forecast"),
        ], audit);
    }

    [Fact]
    public async Task A_queued_job_that_is_cancelled_never_runs()
    {
        var runner = await StartRunnerAsync();
        var release = new TaskCompletionSource();
        var first = await runner.EnqueueAsync("retrain-forecast", "alice", (_, ct) => release.Task.WaitAsync(ct));
        var ran = false;
        var second = await runner.EnqueueAsync("import", "bob", (_, _) => { ran = true; return Task.CompletedTask; });

        Assert.Equal(CancelOutcome.Cancelled, await runner.CancelAsync(second.Record.Id, "carol"));
        release.SetResult();
        await runner.WhenFinishedAsync(first.Record.Id).WaitAsync(Timeout);
        var cancelled = await runner.WhenFinishedAsync(second.Record.Id).WaitAsync(Timeout);

        Assert.False(ran);
        Assert.Equal((JobState.Cancelled, "Cancelled by carol before it started.", (DateTimeOffset?)null), (cancelled.State, cancelled.Message, cancelled.StartedAt));
    }

    [Fact]
    public async Task A_failing_job_is_failed_and_its_log_says_why()
    {
        var runner = await StartRunnerAsync();
        var job = await runner.EnqueueAsync("import", "alice", (reporter, _) =>
        {
            reporter.Log("reading user_table.csv");
            throw new InvalidDataException("user_table.csv line 3: 'x' is not a user id");
        });

        var failed = await runner.WhenFinishedAsync(job.Record.Id).WaitAsync(Timeout);

        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal("Failed: user_table.csv line 3: 'x' is not a user id", failed.Message);
        Assert.EndsWith("reading user_table.csv", failed.Log[1]);
        Assert.EndsWith("Failed: user_table.csv line 3: 'x' is not a user id", failed.Log[^1]);
    }

    [Fact]
    public async Task The_history_survives_a_restart_and_jobs_a_stopped_app_left_running_are_failed()
    {
        var runner = await StartRunnerAsync();
        var job = await runner.EnqueueAsync("refresh-analytics", "alice", (reporter, _) =>
        {
            reporter.Log("42 new events");
            return Task.CompletedTask;
        });
        await runner.WhenFinishedAsync(job.Record.Id).WaitAsync(Timeout);
        var abandoned = new JobRecord(Guid.NewGuid().ToString("N"), "retrain-forecast", "bob", JobState.Running, 0.4, "epoch 3 of 10",
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, ["started"]);
        await new JobStore(Database).SaveAsync(abandoned);

        var restarted = await StartRunnerAsync();
        var history = await restarted.ListAsync(500);

        var kept = Assert.Single(history, j => j.Record.Id == job.Record.Id).Record;
        Assert.Equal(("refresh-analytics", "alice", JobState.Succeeded), (kept.Kind, kept.StartedBy, kept.State));
        Assert.Contains(kept.Log, line => line.EndsWith("42 new events"));
        var failed = Assert.Single(history, j => j.Record.Id == abandoned.Id).Record;
        Assert.Equal((JobState.Failed, "The app stopped before the job finished."), (failed.State, failed.Message));
        Assert.NotNull(failed.EndedAt);
        Assert.Null(await restarted.GetAsync("no-such-job"));
    }
}

public sealed class SqliteJobRunnerTests : JobRunnerTests, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    protected override SqlDatabase Database => SqlDatabase.ForSqlite(Path.Combine(folder, "funnel.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PostgresJobRunnerTests(PostgresDatabase database) : JobRunnerTests, IClassFixture<PostgresDatabase>
{
    SqlDatabase? connected;

    protected override SqlDatabase Database => connected ??= SqlDatabase.ForPostgres(NpgsqlDataSource.Create(database.ConnectionString));
}
