using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Web.Capture;
using Microsoft.AspNetCore.WebUtilities;

namespace FunnelDashboard.Web.Security;

/// <summary>
/// API keys created and revoked on the admin page. A key is shown once, at creation; the store keeps its SHA-256 hash
/// (what <see cref="ApiKeyAuthenticationHandler"/> compares) and a short prefix to recognise it by.
/// </summary>
public sealed partial class ApiKeyService(AccountStore store, AuditLog audit, AccountService accounts)
{
    const string KeyStart = "fdk_";
    const int PrefixLength = 10;

    public static readonly IReadOnlyList<string> Roles = [ApiKeyOptions.CaptureRole, ApiKeyOptions.AdminRole];

    public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken ct = default) => store.ListApiKeysAsync(ct);

    /// <summary>A new key (32 random bytes); the result's Password is the key itself, to show once.</summary>
    public async Task<AccountChange> CreateAsync(ClaimsPrincipal actor, string name, string role, CancellationToken ct = default)
    {
        name = name.Trim();
        var result = await CreateCheckedAsync(actor, name, role, ct);
        await audit.RecordAsync(AccountPrincipal.Actor(actor), "key.create", name, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure,
            result.Succeeded ? $"role {role}" : result.Message, ct);
        return result;
    }

    public async Task<AccountChange> RevokeAsync(ClaimsPrincipal actor, long keyId, CancellationToken ct = default)
    {
        var key = (await store.ListApiKeysAsync(ct)).FirstOrDefault(k => k.Id == keyId);
        var result = !await accounts.IsAdminAsync(actor, ct) ? new AccountChange(false, "Only an admin may do this.")
            : key is null || !await store.RevokeApiKeyAsync(keyId, ct) ? new AccountChange(false, "There is no such key, or it was revoked already.")
            : new AccountChange(true, $"Revoked {key.Name}: it no longer authenticates.");
        await audit.RecordAsync(AccountPrincipal.Actor(actor), "key.revoke", key?.Name ?? $"key {keyId}",
            result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, result.Succeeded ? null : result.Message, ct);
        return result;
    }

    async Task<AccountChange> CreateCheckedAsync(ClaimsPrincipal actor, string name, string role, CancellationToken ct)
    {
        if (!await accounts.IsAdminAsync(actor, ct)) return new AccountChange(false, "Only an admin may do this.");
        if (!ValidName().IsMatch(name)) return new AccountChange(false, "A key name has 1 to 64 letters, digits, spaces, '.', '_' or '-'.");
        if (!Roles.Contains(role)) return new AccountChange(false, $"The role must be {string.Join(" or ", Roles)}.");
        var key = KeyStart + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var stored = await store.TryAddApiKeyAsync(name, role, ApiKeyAuthenticationHandler.Hash(key), key[..PrefixLength], AccountPrincipal.Actor(actor), ct);
        return stored is null
            ? new AccountChange(false, $"There is already a key named '{name}'.")
            : new AccountChange(true, $"Created {name} ({role}). The key, shown only now: send it in the {ApiKeyAuthenticationHandler.Header} header.", key);
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}._ -]{1,64}$")]
    private static partial Regex ValidName();
}
