using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Capture;
using Xunit.Abstractions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app with a capture key and the default refresh and update intervals, as a shop runs it.</summary>
public sealed class WallLatencyFixture : DashboardAppFixture
{
    public const string CaptureKey = "wall-latency-capture-key";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ApiKeys:0:Key"] = CaptureKey, ["ApiKeys:0:Role"] = "capture",
    };
}

/// <summary>
/// The browser measurement: ten Chromium pages on /wall, an event posted to the capture API, and the time
/// until each wall shows it. The test asserts that every wall shows every event; the times are reported (a benchmark
/// figure, not a pass mark: this machine is shared), in the test output and in artifacts/wall-latency.txt.
/// </summary>
public sealed class WallLatencyTests(WallLatencyFixture app, ITestOutputHelper output) : IClassFixture<WallLatencyFixture>
{
    const int Walls = 10, Rounds = 10;

    [Fact]
    public async Task Ten_walls_each_show_every_posted_visitor_and_report_how_long_it_took()
    {
        var walls = new List<DashboardPage>();
        try
        {
            for (int i = 0; i < Walls; i++)
            {
                var wall = await app.OpenAsync(1280, 720);
                await wall.GoToWallAsync("?panels=kpis");
                walls.Add(wall);
            }
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, WallLatencyFixture.CaptureKey);
            var usersToday = await walls[0].MetricValueAsync("users-today");

            var latencies = new List<double>();
            for (int round = 1; round <= Rounds; round++)
            {
                var expected = (usersToday + round).ToString(CultureInfo.InvariantCulture);
                var visitor = new CapturedEvent(700_000_000 + round, $"wall-latency-{round}", FunnelPage.Home, DateTime.UtcNow, 5, Device: Device.Mobile, Sex: Sex.Female);
                using var body = new ByteArrayContent(CaptureJson.Write(new CaptureBatch($"wall-latency-{round}-{Guid.NewGuid():N}", [visitor])));
                body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

                var posted = Stopwatch.StartNew();
                using var response = await http.PostAsync("/api/events", body);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                latencies.AddRange(await Task.WhenAll(walls.Select(async wall =>
                {
                    await WallPage.WaitForMetricAsync(wall.Page, "users-today", expected).WaitAsync(TimeSpan.FromSeconds(30));
                    return posted.Elapsed.TotalMilliseconds;
                })));
            }

            var figures = string.Create(CultureInfo.InvariantCulture,
                $"walls={Walls} events={Rounds} visible_p50_ms={Percentiles.Median(latencies):F0} visible_p95_ms={Percentiles.Of(latencies, 0.95):F0} visible_max_ms={latencies.Max():F0}");
            output.WriteLine(figures);
            Directory.CreateDirectory(DashboardPage.ScreenshotDirectory);
            await File.WriteAllTextAsync(Path.Combine(DashboardPage.ScreenshotDirectory, "..", "wall-latency.txt"), figures + Environment.NewLine);
            foreach (var wall in walls) Assert.Empty(wall.ConsoleErrors);
        }
        finally
        {
            foreach (var wall in walls) await wall.DisposeAsync();
        }
    }
}
