using System.Net;
using System.Security.Claims;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace FunnelDashboard.Tests.Accounts;

/// <summary>What the admin pages do (through the same services): users and keys change what signs in, and each action is audited.</summary>
public sealed class AdminActionsTests(SharedAccountsApp app) : IClassFixture<SharedAccountsApp>
{
    AccountService Accounts => app.Services.GetRequiredService<AccountService>();
    ApiKeyService Keys => app.Services.GetRequiredService<ApiKeyService>();

    async Task<ClaimsPrincipal> AdminAsync(string name)
    {
        var user = await app.Store.FindUserAsync(name) ?? await app.AddUserAsync(name, UserRoles.Admin);
        return AccountPrincipal.Create(user);
    }

    static HttpClient WithKey(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        return client;
    }

    [Fact]
    public async Task A_created_key_authenticates_with_its_role_until_it_is_revoked_and_both_are_audited()
    {
        var admin = await AdminAsync("keymaster");
        var capture = await Keys.CreateAsync(admin, "loader", ApiKeyOptions.CaptureRole);
        var adminKey = await Keys.CreateAsync(admin, "ops", ApiKeyOptions.AdminRole);
        Assert.True(capture.Succeeded && adminKey.Succeeded);
        Assert.False((await Keys.CreateAsync(admin, "LOADER", ApiKeyOptions.AdminRole)).Succeeded); // names are unique
        Assert.DoesNotContain(capture.Password!, string.Join(" ", (await Keys.ListAsync()).Select(k => k.Prefix)));

        var ops = WithKey(app.Browser(), adminKey.Password!);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithKey(app.Browser(), capture.Password!).PostAsync("/analytics/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsync("/analytics/refresh", null)).StatusCode);

        var stored = (await Keys.ListAsync()).Single(k => k.Name == "ops");
        Assert.True((await Keys.RevokeAsync(admin, stored.Id)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ops.PostAsync("/analytics/refresh", null)).StatusCode);

        var audit = await app.AuditAsync();
        Assert.Contains(audit, e => e is { Action: "key.create", Target: "loader", Actor: "keymaster", Outcome: AuditOutcome.Success });
        Assert.Contains(audit, e => e is { Action: "key.create", Target: "LOADER", Outcome: AuditOutcome.Failure });
        Assert.Contains(audit, e => e is { Action: "analytics.refresh", Actor: "key:ops", Outcome: AuditOutcome.Success });
        Assert.Contains(audit, e => e is { Action: "key.revoke", Target: "ops", Actor: "keymaster", Outcome: AuditOutcome.Success });
    }

    [Fact]
    public async Task Only_an_admin_may_manage_users_and_keys_even_with_the_page_open()
    {
        var analyst = AccountPrincipal.Create(await app.AddUserAsync("viewer", UserRoles.Analyst));
        var demoted = await AdminAsync("demoted");
        await app.Store.SetRoleAsync(AccountPrincipal.UserId(demoted)!.Value, UserRoles.Analyst); // the open page still has the old principal

        Assert.False((await Accounts.AddUserAsync(analyst, "sneaky", UserRoles.Admin)).Succeeded);
        Assert.False((await Accounts.AddUserAsync(demoted, "sneaky", UserRoles.Admin)).Succeeded);
        Assert.False((await Keys.CreateAsync(demoted, "sneaky", ApiKeyOptions.AdminRole)).Succeeded);
        Assert.Null(await app.Store.FindUserAsync("sneaky"));
        Assert.Contains(await app.AuditAsync(), e => e is { Action: "user.add", Actor: "demoted", Target: "sneaky", Outcome: AuditOutcome.Failure });
    }

    [Fact]
    public async Task Adding_disabling_resetting_and_changing_role_change_who_signs_in_and_what_they_may_do()
    {
        var admin = await AdminAsync("chief");
        var added = await Accounts.AddUserAsync(admin, "newbie", UserRoles.Analyst);
        Assert.True(added.Succeeded);
        Assert.Equal(20, added.Password!.Length);
        var newbie = (await app.Store.FindUserAsync("newbie"))!;
        Assert.True(newbie.MustChangePassword);
        Assert.False((await Accounts.AddUserAsync(admin, "Newbie", UserRoles.Analyst)).Succeeded);
        Assert.False((await Accounts.AddUserAsync(admin, "no spaces", UserRoles.Analyst)).Succeeded);
        Assert.False((await Accounts.AddUserAsync(admin, "x", "superuser")).Succeeded);

        // A signed-in session follows the account: the role change applies at once, a disable ends it.
        await app.Store.SetPasswordAsync(newbie.Id, app.Services.GetRequiredService<Passwords>().Hash(AccountsApp.Password), mustChangePassword: false);
        var session = await app.SignedInAsync("newbie");
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/users")).StatusCode);
        Assert.True((await Accounts.ChangeRoleAsync(admin, newbie.Id, UserRoles.Admin)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/users")).StatusCode);
        Assert.True((await Accounts.SetDisabledAsync(admin, newbie.Id, true)).Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/users")).StatusCode);
        Assert.StartsWith("/login?error=invalid", (await AccountsApp.SignInAsync(app.Browser(), "newbie", AccountsApp.Password)).Headers.Location!.OriginalString);
        Assert.True((await Accounts.SetDisabledAsync(admin, newbie.Id, false)).Succeeded);

        // A reset ends the sessions of the old password, and the new one must be changed.
        var again = await app.SignedInAsync("newbie");
        var reset = await Accounts.ResetPasswordAsync(admin, newbie.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin/users")).StatusCode);
        Assert.StartsWith("/change-password", (await AccountsApp.SignInAsync(app.Browser(), "newbie", reset.Password!)).Headers.Location!.OriginalString);

        var audit = (await app.AuditAsync()).Where(e => e.Actor == "chief").Select(e => (e.Action, e.Target, e.Outcome)).ToList();
        Assert.Contains(("user.add", "newbie", AuditOutcome.Success), audit);
        Assert.Contains(("user.add", "Newbie", AuditOutcome.Failure), audit);
        Assert.Contains(("user.role", "newbie", AuditOutcome.Success), audit);
        Assert.Contains(("user.disable", "newbie", AuditOutcome.Success), audit);
        Assert.Contains(("user.enable", "newbie", AuditOutcome.Success), audit);
        Assert.Contains(("user.reset-password", "newbie", AuditOutcome.Success), audit);
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_disabled_nor_demoted()
    {
        using var alone = new AccountsApp();
        var admin = await alone.AddUserAsync("only", UserRoles.Admin);
        var first = (await alone.Store.FindUserAsync(AccountService.FirstAdminName))!;
        var accounts = alone.Services.GetRequiredService<AccountService>();
        var principal = AccountPrincipal.Create(admin);
        Assert.True((await accounts.SetDisabledAsync(principal, first.Id, true)).Succeeded);

        var disable = await accounts.SetDisabledAsync(principal, admin.Id, true);
        var demote = await accounts.ChangeRoleAsync(principal, admin.Id, UserRoles.Analyst);

        Assert.False(disable.Succeeded);
        Assert.Contains("last enabled admin", disable.Message);
        Assert.False(demote.Succeeded);
        Assert.Equal((UserRoles.Admin, false), ((await alone.Store.GetUserAsync(admin.Id))!.Role, (await alone.Store.GetUserAsync(admin.Id))!.Disabled));
    }
}
