using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>An admin API key a browser context may send (X-Api-Key): how the admin page's tests open it as a machine would.</summary>
    public const string AdminKey = "browser-test-admin-key-0123456789";

    /// <summary>The password of the users <see cref="AddUserAsync"/> makes.</summary>
    public const string UserPassword = "browser-user-password";

    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    FunnelAppFactory? factory;
    IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;
    public Uri BaseAddress { get; private set; } = default!;
    public IServiceProvider Services => factory!.Services;
    public IFunnelAnalytics Analytics => Services.GetRequiredService<IFunnelAnalytics>();

    /// <summary>Settings on top of <see cref="FunnelAppFactory"/>'s (its own SQLite file and model directory).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    /// <summary>A user with <see cref="UserPassword"/> who need not change it, for <see cref="DashboardPage.SignInAsync"/>; nothing when the name is taken.</summary>
    public async Task AddUserAsync(string name, string role)
    {
        await Services.GetRequiredService<AccountsInitializer>().Ready;
        await Services.GetRequiredService<AccountStore>().TryAddUserAsync(
            name, Services.GetRequiredService<Passwords>().Hash(UserPassword), role, mustChangePassword: false);
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: run ./test.sh, which installs it.");

        var settings = new Dictionary<string, string?>(Settings);
        settings.TryAdd("ApiKeys:0:Key", AdminKey);
        settings.TryAdd("ApiKeys:0:Role", "admin");
        factory = new FunnelAppFactory(settings, ConfigureTestServices);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));

        // Seeding 90,400 users takes ~15 s alone, but several minutes while the whole suite shares two cores.
        await factory.WaitForStateAsync(AnalyticsState.Ready, TimeSpan.FromMinutes(5));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>
    /// A fresh browser context and page (own storage) that collects console errors. Reduced motion turns chart
    /// animations off, so what a test reads or screenshots is the final drawing. The theme is the system's
    /// preference, which the app follows while no choice is remembered. With <paramref name="apiKey"/> every request carries that key.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(int width = 1440, int height = 900, string theme = "light", string? apiKey = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height }, ReducedMotion = ReducedMotion.Reduce,
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light, AcceptDownloads = true,
            ExtraHTTPHeaders = apiKey is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = apiKey },
        });
        return new DashboardPage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        // Pages are closed by the tests; the browser goes before the app, or shutdown waits on open WebSockets.
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
    }
}
