using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Tests.Forecasting;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Jobs;

/// <summary>Every admin action, done and refused, ends up on the audit page with who did what to what, and how it went.</summary>
public sealed partial class AdminAuditTests(GeneratedDataset dataset) : IClassFixture<GeneratedDataset>, IDisposable
{
    /// <summary>How the configured admin key (the second in <see cref="ForecastApp"/>) is named as an actor.</summary>
    const string AdminKeyActor = "ApiKeys:1";
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static string JobId(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return accepted.Headers.Location!.ToString().Split('/')[^1];
    }

    [Fact]
    public async Task Jobs_activations_refreshes_uploads_and_the_simulator_are_audited_and_shown_on_the_audit_page()
    {
        await using var app = new ForecastApp(dataset.Folder, folder, trainOnStart: false);
        await app.WaitForDataAsync();
        using var admin = app.Client();

        // Over the API, as the admin key.
        var trained = JobId(await admin.PostAsync("/models/retrain", Json("""{"model":"forecast"}""")));
        await app.Jobs.WhenFinishedAsync(trained).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/models/retrain", Json("""{"model":"bogus"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/jobs/{trained}/cancel", null)).StatusCode);
        var cancelled = JobId(await admin.PostAsync("/models/retrain", Json("""{"model":"all"}""")));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/jobs/{cancelled}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/models/total/versions/1/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/models/total/versions/9/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/analytics/refresh", null)).StatusCode);

        // The simulator and uploads have no API: the admin page calls these services with who is signed in.
        var simulator = app.Services.GetRequiredService<SimulatorService>();
        Assert.Null(await simulator.StartSimulatingAsync(5, "alice"));
        Assert.Null(await simulator.StopSimulatingAsync("alice"));
        Assert.Equal("The simulator was not running.", await simulator.StopSimulatingAsync("alice"));
        Assert.NotNull(await simulator.StartSimulatingAsync(0, "alice"));
        await Assert.ThrowsAsync<ImportException>(() => app.Services.GetRequiredService<DatasetImportJobs>().ImportUploadAsync(
            [new UploadedFile("passwords.csv", _ => new MemoryStream("a,b\n"u8.ToArray()))], 1024 * 1024, "alice"));

        var html = await admin.GetStringAsync("/admin/audit");
        var rows = AuditRow().Matches(html)
            .Select(m => (Actor: Decode(m, "actor"), Action: Decode(m, "action"), Target: Decode(m, "target"), Outcome: Decode(m, "outcome"), Detail: Decode(m, "detail")))
            .Reverse().ToList(); // oldest first, as they were done
        var expected = new (string Actor, string Action, string Target, string Outcome)[]
        {
            (AdminKeyActor, "job.start", trained, "done"),
            (AdminKeyActor, "job.start", "", "refused"),
            (AdminKeyActor, "job.cancel", trained, "refused"),
            (AdminKeyActor, "job.start", cancelled, "done"),
            (AdminKeyActor, "job.cancel", cancelled, "done"),
            (AdminKeyActor, "model.activate", "total v1", "done"),
            (AdminKeyActor, "model.activate", "total v9", "refused"),
            (AdminKeyActor, "analytics.refresh", "", "done"),
            ("alice", "simulator.start", "", "done"),
            ("alice", "simulator.stop", "", "done"),
            ("alice", "simulator.stop", "", "refused"),
            ("alice", "simulator.start", "", "refused"),
            ("alice", "job.start", "", "refused"),
        };
        Assert.Equal(expected, rows.Where(r => r.Action != "sign-in" && r.Action != "user.add").Select(r => (r.Actor, r.Action, r.Target, r.Outcome)));

        // The details say which job, and why a refusal was refused.
        Assert.Equal(["retrain-forecast", "retrain-all"], rows.Where(r => r is { Action: "job.start", Outcome: "done" }).Select(r => r.Detail));
        Assert.StartsWith("Unknown model 'bogus'", rows.Single(r => r is { Action: "job.start", Actor: AdminKeyActor, Outcome: "refused" }).Detail);
        Assert.Equal("retrain-forecast: it had already ended", rows.Single(r => r is { Action: "job.cancel", Outcome: "refused" }).Detail);
        Assert.Equal("'total' has no version 9.", rows.Single(r => r.Target == "total v9").Detail);
        Assert.Equal("5 events per second", rows.Single(r => r is { Action: "simulator.start", Outcome: "done" }).Detail);
        Assert.Equal("Events per second must be from 1 to 100,000, not 0.", rows.Single(r => r is { Action: "simulator.start", Outcome: "refused" }).Detail);
        Assert.StartsWith("import: passwords.csv: is not a dataset file", rows.Single(r => r is { Action: "job.start", Actor: "alice" }).Detail);
    }

    static string Decode(Match match, string group) => WebUtility.HtmlDecode(match.Groups[group].Value.Trim());

    [GeneratedRegex("""<tr data-audit-action="[^"]*" data-audit-outcome="[^"]*">\s*<td[^>]*>[^<]*</td>\s*<td>(?<actor>[^<]*)</td>\s*<td><code>(?<action>[^<]*)</code></td>\s*<td>(?<target>[^<]*)</td>\s*<td>(?<outcome>[^<]*)</td>\s*<td>(?<detail>[^<]*)</td>""")]
    private static partial Regex AuditRow();
}
