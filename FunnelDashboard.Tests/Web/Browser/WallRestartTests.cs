using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FunnelDashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>An open wall outlives its server: stopped and started again on the same port, it resumes with nobody there.</summary>
[Collection(WallCollection.Name)]
public sealed class WallRestartTests(WallAppFixture app, ITestOutputHelper output)
{
    /// <summary>The wall's app on a fixed port; it stops within a second even with the wall's WebSocket open.</summary>
    sealed class FixedPortApp : FunnelAppFactory
    {
        public FixedPortApp(int port, FakeFunnelAnalytics fake, TimeProvider clock)
            : base(WallAppFixture.WallSettings, services => WallAppFixture.UseFakes(services, fake, clock))
        {
            UseKestrel(port);
            StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        }
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    FakeFunnelAnalytics FakeWithUsers(int users)
    {
        var fake = new FakeFunnelAnalytics();
        fake.SetLiveSnapshot(LiveJourneys.Build(app.Clock.GetUtcNow(), users, fresh: true));
        return fake;
    }

    [Fact]
    public async Task After_a_server_restart_the_open_wall_resumes_without_any_action()
    {
        var port = FreeLoopbackPort();
        var first = new FixedPortApp(port, FakeWithUsers(100), app.Clock);
        var context = await app.Browser.NewContextAsync(new() { BaseURL = $"http://127.0.0.1:{port}/", ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("wall?panels=kpis");
            await WallPage.WaitUntilInteractiveAsync(page);
            var users = page.Locator("[data-metric='users-today']");
            await Expect(users).ToHaveAttributeAsync("data-value", "101");

            await first.DisposeAsync();
            var overlay = page.Locator("#components-reconnect-modal");
            await Expect(overlay).ToHaveClassAsync(new Regex("components-reconnect-show"));
            await Expect(overlay).ToBeVisibleAsync();

            var clock = Stopwatch.StartNew();
            await using var second = new FixedPortApp(port, FakeWithUsers(200), app.Clock);
            // The new server does not know the old circuit: the page must reload itself once it is served again.
            await Expect(users).ToHaveAttributeAsync("data-value", "201", new() { Timeout = 25_000 });
            output.WriteLine($"wall resumed {clock.ElapsedMilliseconds} ms after the new server started");
            await WallPage.WaitUntilInteractiveAsync(page);
            await Expect(overlay).ToBeHiddenAsync();
        }
        finally
        {
            await page.CloseAsync();
            await context.CloseAsync();
        }
    }
}
