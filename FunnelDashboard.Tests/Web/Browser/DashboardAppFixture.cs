using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// The real app on Kestrel at a random loopback port, with its own temporary SQLite file, and one headless Chromium
/// (Debian's; Playwright downloads no browser here). Subclasses decide which analytics the app runs on.
/// </summary>
public abstract class DashboardAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    readonly string dataDirectory = Directory.CreateTempSubdirectory("funnel-dashboard-ui-").FullName;
    WebApplicationFactory<Program>? factory;
    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => factory!.Services;
    public IFunnelAnalytics Analytics => Services.GetRequiredService<IFunnelAnalytics>();

    /// <summary>How long the app may take to get its analytics Ready (the real one seeds itself on first start).</summary>
    protected virtual TimeSpan ReadyTimeout => TimeSpan.FromSeconds(30);

    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Storage:SqlitePath", Path.Combine(dataDirectory, "funnel.db"))
            .ConfigureTestServices(services =>
            {
                services.AddDashboardUi();
                ConfigureTestServices(services);
            }));
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));

        await WaitUntilReadyAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (Analytics.State != AnalyticsState.Ready)
        {
            if (Analytics.State == AnalyticsState.Unavailable || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The analytics did not get Ready: {Analytics.State} ({Analytics.StatusMessage}).");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// A fresh browser context and page (own storage) that collects console errors. Reduced motion turns chart
    /// animations off, so what a test reads or screenshots is the final drawing.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height }, ReducedMotion = ReducedMotion.Reduce });
        return new DashboardPage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        // Pages are closed by the tests; the browser goes before the app, or shutdown waits on open WebSockets.
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
