using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>Signing in, the admin pages and the Content-Security-Policy, in Chromium.</summary>
public sealed class AccountBrowserTests(FakeDashboardAppFixture app) : IClassFixture<FakeDashboardAppFixture>
{
    const string AdminName = "browser-admin", AnalystName = "browser-analyst";

    /// <summary>Every Content-Security-Policy violation the page reports, from its first script on.</summary>
    static async Task WatchPolicyViolationsAsync(DashboardPage page) =>
        await page.Page.Context.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
            """);

    static async Task AssertNothingBlockedAsync(DashboardPage page, string what)
    {
        var violations = await page.Page.EvaluateAsync<string[]>("window.cspViolations");
        Assert.True(violations.Length == 0, $"{what}: {string.Join("; ", violations)}");
        Assert.Empty(page.ConsoleErrors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("funnel")]
    [InlineData("forecast")]
    [InlineData("login")]
    public async Task The_content_security_policy_blocks_nothing_the_pages_load(string path)
    {
        await using var page = await app.OpenAsync();
        await WatchPolicyViolationsAsync(page);
        var response = await page.Page.GotoAsync(path);
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        await page.WaitUntilInteractiveAsync();
        foreach (var chart in await page.AllChartsDrawnAsync()) await page.ChartTableAsync(chart);
        await AssertNothingBlockedAsync(page, path);
    }

    [Fact]
    public async Task The_content_security_policy_blocks_nothing_on_the_wall()
    {
        await using var page = await app.OpenAsync(1920, 1080);
        await WatchPolicyViolationsAsync(page);
        await page.GoToWallAsync("?rotate=5");
        await page.Page.Locator("[data-panel-shown=funnel]").WaitForAsync(new() { Timeout = 15_000 });
        await AssertNothingBlockedAsync(page, "wall");
    }

    [Fact]
    public async Task An_admin_page_sends_a_visitor_to_sign_in_and_back_and_the_admin_pages_pass_axe()
    {
        await app.AddUserAsync(AdminName, UserRoles.Admin);
        await using var page = await app.OpenAsync();
        await WatchPolicyViolationsAsync(page);

        await page.GoToAsync("admin/users");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/login\?returnUrl=%2Fadmin%2Fusers$"));
        await page.SignInAsync(AdminName);
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/users$"));
        await Expect(page.Page.Locator($"[data-signed-in='{AdminName}']")).ToBeVisibleAsync();

        foreach (var path in new[] { "admin/users", "admin/keys", "admin/audit" })
        {
            await page.GoToAsync(path);
            await page.Page.Locator("h1").WaitForAsync();
            await AccessibilityTests.AssertNoViolationsAsync(page, path);
            var width = await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 1440, $"{path} is {width} px wide");
        }
        await AssertNothingBlockedAsync(page, "admin pages");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_key_shown_once_and_revokes_it_in_the_page()
    {
        await app.AddUserAsync(AdminName, UserRoles.Admin);
        await using var page = await app.OpenAsync();
        await page.GoToAsync("login?returnUrl=%2Fadmin%2Fkeys");
        await page.SignInAsync(AdminName);
        await page.WaitUntilInteractiveAsync();

        var name = $"loader-{Guid.NewGuid():N}"[..20];
        await page.Page.GetByLabel("Name").FillAsync(name);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Page.Locator("[data-secret]").InnerTextAsync();
        Assert.StartsWith("fdk_", key);
        var row = page.Page.Locator($"tr[data-key='{name}']");
        await Expect(row).ToContainTextAsync(key[..10]);
        Assert.NotNull(await app.Services.GetRequiredService<AccountStore>().FindActiveApiKeyAsync(FunnelDashboard.Web.Capture.ApiKeyAuthenticationHandler.Hash(key)));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Expect(row.Locator("[data-revoked]")).Not.ToHaveTextAsync("–");
        Assert.Null(await app.Services.GetRequiredService<AccountStore>().FindActiveApiKeyAsync(FunnelDashboard.Web.Capture.ApiKeyAuthenticationHandler.Hash(key)));
        await page.ReloadAsync();
        await Expect(page.Page.Locator("[data-secret]")).ToHaveCountAsync(0); // shown once, never again
    }

    [Fact]
    public async Task An_analyst_navigating_inside_the_app_to_an_admin_page_is_told_access_is_denied()
    {
        await app.AddUserAsync(AnalystName, UserRoles.Analyst);
        await using var page = await app.OpenAsync();
        await page.GoToAsync("login");
        await page.SignInAsync(AnalystName);
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Accounts" })).ToHaveCountAsync(0);

        await page.Page.EvaluateAsync("Blazor.navigateTo('admin/users')"); // in the circuit: no request for the server to check
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Access denied");
        await Expect(page.Page.Locator("[data-table=users]")).ToHaveCountAsync(0);
    }
}
