using System.Security.Claims;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Security;

public enum SignInFailure { Invalid, Locked }

public sealed record SignInResult(AccountUser? User, SignInFailure? Failure, DateTimeOffset? LockedUntil = null);

/// <summary>What an admin action did: a message for the page, and a generated password to show once.</summary>
public sealed record AccountChange(bool Succeeded, string Message, string? Password = null);

/// <summary>
/// People's accounts: sign-in with lockout, changing one's password, and the admin's user management. Every sign-in
/// and every admin action is written to the audit log, refused ones included.
/// </summary>
public sealed partial class AccountService(
    AccountStore store, AuditLog audit, Passwords passwords, IOptions<AuthOptions> options, TimeProvider clock, ILogger<AccountService> logger)
{
    /// <summary>Hashed once, verified against when the name is unknown: the answer takes as long as for a real user.</summary>
    readonly Lazy<AccountUser> nobody = new(() => new AccountUser(0, "", passwords.Hash(Passwords.Generate()), UserRoles.Analyst, false, false, 0, null, default));

    AuthOptions Settings => options.Value;

    public async Task<SignInResult> SignInAsync(string name, string password, CancellationToken ct = default)
    {
        name = name.Trim();
        var user = name.Length == 0 ? null : await store.FindUserAsync(name, ct);
        if (user is null || user.Disabled)
        {
            passwords.Verify(nobody.Value, password);
            await audit.RecordAsync(name, "sign-in", name, AuditOutcome.Failure, user is null ? "unknown user" : "disabled", ct);
            return new SignInResult(null, SignInFailure.Invalid);
        }
        var now = clock.GetUtcNow();
        if (user.LockedUntil > now)
        {
            await audit.RecordAsync(user.Name, "sign-in", user.Name, AuditOutcome.Failure, $"locked until {user.LockedUntil:u}", ct);
            return new SignInResult(null, SignInFailure.Locked, user.LockedUntil);
        }
        var verified = passwords.Verify(user, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await store.RecordFailedSignInAsync(user.Id, Settings.MaxFailedAttempts, now + Settings.LockoutDuration, ct);
            var locked = lockedUntil > now;
            if (locked) logger.LogWarning("User {User} is locked out until {Until} after {Attempts} wrong passwords", user.Name, lockedUntil, Settings.MaxFailedAttempts);
            await audit.RecordAsync(user.Name, "sign-in", user.Name, AuditOutcome.Failure, locked ? $"wrong password; locked until {lockedUntil:u}" : "wrong password", ct);
            return locked ? new SignInResult(null, SignInFailure.Locked, lockedUntil) : new SignInResult(null, SignInFailure.Invalid);
        }
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
            await store.SetPasswordAsync(user.Id, passwords.Hash(password), user.MustChangePassword, ct);
        await store.RecordSignInAsync(user.Id, ct);
        await audit.RecordAsync(user.Name, "sign-in", user.Name, AuditOutcome.Success, null, ct);
        return new SignInResult(await store.GetUserAsync(user.Id, ct), null);
    }

    /// <summary>A person changes their own password (knowing the current one): the updated user, or why not.</summary>
    public async Task<(AccountUser? User, PasswordProblem? Problem)> ChangePasswordAsync(long userId, string current, string next, CancellationToken ct = default)
    {
        var user = await store.GetUserAsync(userId, ct);
        if (user is null || user.Disabled) return (null, PasswordProblem.AccountGone);
        var problem = passwords.Verify(user, current) == PasswordVerificationResult.Failed ? PasswordProblem.WrongCurrent
            : current == next ? PasswordProblem.SameAsCurrent
            : Passwords.Problem(next, user.Name, Settings.MinPasswordLength);
        await audit.RecordAsync(user.Name, "password.change", user.Name, problem is null ? AuditOutcome.Success : AuditOutcome.Failure,
            problem is { } refused ? Passwords.Describe(refused, Settings.MinPasswordLength) : null, ct);
        if (problem is not null) return (null, problem);
        await store.SetPasswordAsync(user.Id, passwords.Hash(next), mustChangePassword: false, ct);
        return (await store.GetUserAsync(user.Id, ct), null);
    }

    public const string FirstAdminName = "admin";

    /// <summary>
    /// Creates the user "admin" (who must change the password at first sign-in) when there are no users: on first start.
    /// Returns whether it did, and the password when it was generated rather than configured.
    /// </summary>
    public async Task<(bool Created, string? GeneratedPassword)> CreateFirstAdminAsync(CancellationToken ct = default)
    {
        if (await store.CountUsersAsync(ct) > 0) return (false, null);
        var configured = Settings.InitialAdminPassword is { Length: > 0 };
        var password = configured ? Settings.InitialAdminPassword! : Passwords.Generate();
        if (await store.TryAddUserAsync(FirstAdminName, passwords.Hash(password), UserRoles.Admin, mustChangePassword: true, ct) is null) return (false, null);
        await audit.RecordAsync("system", "user.add", FirstAdminName, AuditOutcome.Success, "the first admin, at first start", ct);
        return (true, configured ? null : password);
    }

    public Task<IReadOnlyList<AccountUser>> ListAsync(CancellationToken ct = default) => store.ListUsersAsync(ct);

    /// <summary>Adds a user with a generated password they must change at first sign-in.</summary>
    public Task<AccountChange> AddUserAsync(ClaimsPrincipal actor, string name, string role, CancellationToken ct = default) =>
        AdminActionAsync(actor, "user.add", name.Trim(), async () => (name.Trim(), await AddAsync(name.Trim(), role, ct)), ct);

    async Task<AccountChange> AddAsync(string name, string role, CancellationToken ct)
    {
        if (!ValidName().IsMatch(name)) return Refused("A user name has 1 to 64 letters, digits, '.', '_', '-' or '@'.");
        if (!UserRoles.All.Contains(role)) return Refused($"The role must be {string.Join(" or ", UserRoles.All)}.");
        var password = Passwords.Generate();
        return await store.TryAddUserAsync(name, passwords.Hash(password), role, mustChangePassword: true, ct) is null
            ? Refused($"There is already a user named '{name}'.")
            : new AccountChange(true, $"Added {name} ({role}). Their first password, shown only now:", password);
    }

    public Task<AccountChange> SetDisabledAsync(ClaimsPrincipal actor, long userId, bool disabled, CancellationToken ct = default) =>
        UserActionAsync(actor, disabled ? "user.disable" : "user.enable", userId, async user =>
        {
            if (disabled && await IsLastAdminAsync(user, ct)) return Refused($"{user.Name} is the last enabled admin: add or enable another admin first.");
            await store.SetDisabledAsync(user.Id, disabled, ct);
            return new AccountChange(true, disabled ? $"Disabled {user.Name}: they are signed out and cannot sign in." : $"Enabled {user.Name}.");
        }, ct);

    /// <summary>A new generated password the user must change at their next sign-in; it also lifts a lockout and ends their sessions.</summary>
    public Task<AccountChange> ResetPasswordAsync(ClaimsPrincipal actor, long userId, CancellationToken ct = default) =>
        UserActionAsync(actor, "user.reset-password", userId, async user =>
        {
            var password = Passwords.Generate();
            await store.SetPasswordAsync(user.Id, passwords.Hash(password), mustChangePassword: true, ct);
            return new AccountChange(true, $"New password for {user.Name}, shown only now:", password);
        }, ct);

    public Task<AccountChange> ChangeRoleAsync(ClaimsPrincipal actor, long userId, string role, CancellationToken ct = default) =>
        UserActionAsync(actor, "user.role", userId, async user =>
        {
            if (!UserRoles.All.Contains(role)) return Refused($"The role must be {string.Join(" or ", UserRoles.All)}.");
            if (role != UserRoles.Admin && await IsLastAdminAsync(user, ct)) return Refused($"{user.Name} is the last enabled admin: make another user admin first.");
            await store.SetRoleAsync(user.Id, role, ct);
            return new AccountChange(true, $"{user.Name} is now {role}.");
        }, ct);

    /// <summary>Is the principal allowed to administer now? A person is checked against the store, so a disabled or demoted admin's open page can do nothing.</summary>
    public async Task<bool> IsAdminAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (!principal.IsInRole(UserRoles.Admin) || AccountPrincipal.MustChangePassword(principal)) return false;
        if (AccountPrincipal.UserId(principal) is not { } id) return principal.Identity?.IsAuthenticated == true; // an admin API key
        return await store.GetUserAsync(id, ct) is { Disabled: false, Role: UserRoles.Admin, MustChangePassword: false };
    }

    async Task<bool> IsLastAdminAsync(AccountUser user, CancellationToken ct) =>
        user is { Role: UserRoles.Admin, Disabled: false } && await store.CountEnabledAsync(UserRoles.Admin, ct) <= 1;

    Task<AccountChange> UserActionAsync(ClaimsPrincipal actor, string action, long userId, Func<AccountUser, Task<AccountChange>> change, CancellationToken ct) =>
        AdminActionAsync(actor, action, $"user {userId}", async () =>
            await store.GetUserAsync(userId, ct) is { } user ? (user.Name, await change(user)) : ($"user {userId}", Refused("There is no such user.")), ct);

    /// <summary>Runs an admin action if the actor may, and records it (done or refused) in the audit log.</summary>
    async Task<AccountChange> AdminActionAsync(ClaimsPrincipal actor, string action, string target,
        Func<Task<(string Target, AccountChange Result)>> change, CancellationToken ct)
    {
        var (name, result) = await IsAdminAsync(actor, ct) ? await change() : (target, Refused("Only an admin may do this."));
        await audit.RecordAsync(AccountPrincipal.Actor(actor), action, name, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            result.Succeeded ? null : result.Message, ct);
        return result;
    }

    static AccountChange Refused(string message) => new(false, message);

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@-]{1,64}$")]
    private static partial Regex ValidName();
}
