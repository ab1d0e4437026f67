using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FunnelDashboard.Web.Security;

/// <summary>How a signed-in person is carried in the sign-in cookie, and what the rest of the app reads from any principal.</summary>
public static class AccountPrincipal
{
    public const string MustChangePasswordClaim = "must_change_password";

    /// <summary>Changes when the password does: a reset or a change ends the sessions signed in with the old one.</summary>
    public const string StampClaim = "password_stamp";

    public static ClaimsPrincipal Create(AccountUser user)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(StampClaim, Stamp(user)),
        ];
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string Stamp(AccountUser user) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)), 0, 12);

    public static bool MustChangePassword(ClaimsPrincipal principal) => principal.HasClaim(MustChangePasswordClaim, "true");

    /// <summary>The account id of a signed-in person; null for anyone else (anonymous, an API key).</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Who is acting, for the audit log: the person's or the key's name.</summary>
    public static string Actor(ClaimsPrincipal principal) => principal.Identity?.Name ?? "anonymous";

    /// <summary>Has the principal the same claims as a fresh one for the user would have (role and must-change flag)?</summary>
    public static bool IsCurrent(ClaimsPrincipal principal, AccountUser user) =>
        principal.IsInRole(user.Role) && MustChangePassword(principal) == user.MustChangePassword && principal.Identity?.Name == user.Name;
}
