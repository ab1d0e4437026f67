using System.Net;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Tests.Web;
using FunnelDashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>Signing in through the form: lockout, the first admin's forced password change, CSRF refusal, the cookie's flags.</summary>
public sealed class SignInTests
{
    static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_five_minutes_even_against_the_right_one()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var app = new AccountsApp(clock: clock);
        await app.AddUserAsync("eve", UserRoles.Analyst);
        var client = app.Browser();

        for (var i = 1; i <= 4; i++)
            Assert.StartsWith("/login?error=invalid", Location(await AccountsApp.SignInAsync(client, "eve", "wrong")));
        Assert.StartsWith("/login?error=locked", Location(await AccountsApp.SignInAsync(client, "eve", "wrong")));
        Assert.StartsWith("/login?error=locked", Location(await AccountsApp.SignInAsync(client, "eve", AccountsApp.Password)));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.StartsWith("/login?error=locked", Location(await AccountsApp.SignInAsync(client, "eve", AccountsApp.Password)));

        clock.Advance(TimeSpan.FromMinutes(1.1));
        Assert.Equal("/", Location(await AccountsApp.SignInAsync(client, "eve", AccountsApp.Password)));
        Assert.Equal(0, (await app.Store.FindUserAsync("eve"))!.FailedAttempts);

        var signIns = (await app.AuditAsync()).Where(e => e.Action == "sign-in" && e.Target == "eve").ToList();
        Assert.Equal(8, signIns.Count);
        Assert.Equal(AuditOutcome.Success, signIns[0].Outcome);
        Assert.All(signIns.Skip(1), e => Assert.Equal(AuditOutcome.Failure, e.Outcome));
        Assert.Equal("wrong password", signIns[4].Detail);
        Assert.StartsWith("wrong password; locked until", signIns[3].Detail);
        Assert.StartsWith("locked until", signIns[2].Detail);
    }

    [Fact]
    public async Task An_unknown_or_disabled_user_gets_the_same_answer_as_a_wrong_password()
    {
        using var app = new AccountsApp();
        var user = await app.AddUserAsync("mallory", UserRoles.Admin);
        await app.Store.SetDisabledAsync(user.Id, true);
        var client = app.Browser();

        Assert.StartsWith("/login?error=invalid", Location(await AccountsApp.SignInAsync(client, "nobody", "whatever")));
        Assert.StartsWith("/login?error=invalid", Location(await AccountsApp.SignInAsync(client, "mallory", AccountsApp.Password)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_must_change_the_password_before_anything_else_and_the_rules_are_enforced()
    {
        using var app = new AccountsApp();
        await app.ReadyAsync();
        var client = app.Browser();

        var signIn = await AccountsApp.SignInAsync(client, "admin", AccountsApp.InitialAdminPassword, returnUrl: "/admin/keys");
        Assert.Equal("/change-password?returnUrl=%2Fadmin%2Fkeys", Location(signIn));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/analytics/refresh", null)).StatusCode);

        async Task<string> ChangeAsync(string current, string next, string confirm)
        {
            var token = await AccountsApp.FormTokenAsync(client, "/change-password?returnUrl=%2Fadmin%2Fkeys");
            var response = await client.PostAsync("/account/password",
                Form(token, ("current", current), ("next", next), ("confirm", confirm), ("returnUrl", "/admin/keys")));
            return Location(response);
        }
        Assert.Contains("error=Mismatch", await ChangeAsync(AccountsApp.InitialAdminPassword, "a-new-long-password", "a-new-long-passwort"));
        Assert.Contains("error=WrongCurrent", await ChangeAsync("not-the-password", "a-new-long-password", "a-new-long-password"));
        Assert.Contains("error=TooShort", await ChangeAsync(AccountsApp.InitialAdminPassword, "short", "short"));
        Assert.Contains("error=SameAsCurrent", await ChangeAsync(AccountsApp.InitialAdminPassword, AccountsApp.InitialAdminPassword, AccountsApp.InitialAdminPassword));
        Assert.Equal("/admin/keys", await ChangeAsync(AccountsApp.InitialAdminPassword, "a-new-long-password", "a-new-long-password"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/analytics/refresh", null)).StatusCode);
        Assert.False((await app.Store.FindUserAsync("admin"))!.MustChangePassword);
        Assert.StartsWith("/login?error=invalid", Location(await AccountsApp.SignInAsync(app.Browser(), "admin", AccountsApp.InitialAdminPassword)));
        Assert.Equal("/", Location(await AccountsApp.SignInAsync(app.Browser(), "admin", "a-new-long-password")));
        Assert.Contains(await app.AuditAsync(), e => e is { Action: "password.change", Outcome: AuditOutcome.Success, Actor: "admin" });
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        using var app = new AccountsApp();
        await app.ReadyAsync();
        var client = app.Browser();
        await AccountsApp.FormTokenAsync(client); // the antiforgery cookie is there; only the form field is missing

        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["name"] = "admin", ["password"] = AccountsApp.InitialAdminPassword }));
        var foreignToken = await AccountsApp.FormTokenAsync(app.Browser()); // another browser's token does not fit this one's cookie
        var forged = await client.PostAsync("/account/login", Form(foreignToken, ("name", "admin"), ("password", AccountsApp.InitialAdminPassword)));

        Assert.True(login.StatusCode == HttpStatusCode.BadRequest, await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Action == "sign-in");
        var signedIn = await app.SignedInAsync("admin", AccountsApp.InitialAdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.PostAsync("/logout", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["current"] = AccountsApp.InitialAdminPassword, ["next"] = "a-new-long-password", ["confirm"] = "a-new-long-password" }))).StatusCode);
        Assert.True((await app.Store.FindUserAsync("admin"))!.MustChangePassword);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_and_secure_over_https_and_signing_out_ends_it()
    {
        using var app = new AccountsApp();
        await app.AddUserAsync("root", UserRoles.Admin);
        var client = app.Browser("https://localhost");
        var token = await AccountsApp.FormTokenAsync(client);

        var response = await client.PostAsync("/account/login", Form(token, ("name", "root"), ("password", AccountsApp.Password), ("returnUrl", "https://evil.example/")));

        Assert.Equal("/", Location(response)); // never back to another site
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FunnelDashboard.Session=")).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        var logoutToken = await AccountsApp.FormTokenAsync(client, "/");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/logout", Form(logoutToken))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Contains(await app.AuditAsync(), e => e is { Action: "sign-out", Actor: "root" });
    }

    [Fact]
    public async Task Without_a_configured_password_the_first_admin_gets_a_random_one_written_once_to_the_log()
    {
        var log = new LogCapture();
        using var app = new AccountsAppWithLog(log);
        await app.ReadyAsync();

        var line = Assert.Single(log.Lines, l => l.Contains("created the user 'admin' with the password"));
        var password = line.Split("with the password ")[1].Split(' ')[0];
        Assert.Equal(20, password.Length);
        Assert.StartsWith("/change-password", Location(await AccountsApp.SignInAsync(app.Browser(), "admin", password)));

        await app.Services.GetRequiredService<AccountService>().CreateFirstAdminAsync(); // a later start: users exist, nothing new
        Assert.Equal(1, await app.Store.CountUsersAsync());
    }

    sealed class AccountsAppWithLog(LogCapture log) : AccountsApp(new Dictionary<string, string?> { ["Auth:InitialAdminPassword"] = null })
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log));
        }
    }
}
