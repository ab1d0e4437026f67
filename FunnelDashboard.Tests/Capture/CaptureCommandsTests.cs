using FunnelDashboard.Web.Cli;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Capture;

/// <summary>Hosts the app: one such class at a time, so first-start seeding elsewhere is not starved.</summary>
[Collection(CaptureApp.Collection)]
public class CaptureCommandsTests
{
    static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.RunAsync(args, output, error, new Dictionary<string, string?>());
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Simulate_posts_to_a_running_app_and_reports_what_was_acknowledged()
    {
        using var app = new CaptureApp();
        app.UseKestrel(0);
        app.StartServer();
        await app.WaitForStateAsync(FunnelDashboard.Core.Analytics.AnalyticsState.Ready);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        var before = await app.CountsAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, _) = await Run("simulate", "--url", address, "--api-key", CaptureApp.CaptureKey, "--rate", "300", "--seconds", "3");
        var elapsed = clock.Elapsed.TotalSeconds;

        Assert.Equal(0, code);
        var summary = System.Text.RegularExpressions.Regex.Match(output, @"(?m)^sent=(\d+) acked=(\d+) rejected=0 ack_p50_ms=[\d.]+ ack_p95_ms=[\d.]+\r?$");
        Assert.True(summary.Success, output);
        var acked = long.Parse(summary.Groups[2].Value);
        Assert.Equal(summary.Groups[1].Value, summary.Groups[2].Value);
        // The rate holds over the run as it really lasted (a busy machine ends it late): 300/s plus the first tick's 30.
        Assert.InRange(acked, 500, (long)(300 * elapsed) + 30);
        var after = await app.CountsAsync();
        Assert.Equal(acked, after.PageVisits + after.Interactions - before.PageVisits - before.Interactions);
    }

    [Theory]
    [InlineData("simulate --api-key k --rate 10", "--url must be the app's address")]
    [InlineData("simulate --url http://127.0.0.1:1 --rate 10", "--api-key is required")]
    [InlineData("simulate --url http://127.0.0.1:1 --api-key k", "--rate EVENTS_PER_S is required")]
    [InlineData("bench capture --events 0", "--events must be a whole number from 1")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(string args, string expected)
    {
        var (code, _, error) = await Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Matches($"Usage: \\S+ {args.Split(' ')[0]} ", error); // the verb's own usage follows
    }

    [Fact]
    public async Task Bench_capture_stores_the_events_and_reports_the_rate()
    {
        var (code, output, _) = await Run("bench", "capture", "--events", "3000", "--batch", "500");

        Assert.Equal(0, code);
        Assert.Contains("Stored 3,000 events", output);
        Assert.Matches(@"(?m)^events_per_s=\d+\r?$", output);
    }
}
