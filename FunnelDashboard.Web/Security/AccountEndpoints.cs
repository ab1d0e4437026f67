using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace FunnelDashboard.Web.Security;

/// <summary>
/// The sign-in forms' targets (plain form posts with an antiforgery token, which minimal endpoints with form values
/// require): sign in, sign out, change one's password. Each answers with a redirect, back to the form with an error
/// code or on to where the person was going.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login", LogoutPath = "/logout", PasswordPath = "/account/password";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LoginPath, SignInAsync).ExcludeFromDescription();
        endpoints.MapPost(LogoutPath, SignOutAsync).ExcludeFromDescription();
        endpoints.MapPost(PasswordPath, ChangePasswordAsync).RequireAuthorization(Policies.Person).ExcludeFromDescription();
        return endpoints;
    }

    static async Task<IResult> SignInAsync(
        [FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, AccountService accounts)
    {
        var back = LocalUrl.OrHome(returnUrl);
        var result = await accounts.SignInAsync(name ?? "", password ?? "", context.RequestAborted);
        if (result.User is not { } user)
            return Results.LocalRedirect("/login" + QueryString.Create("error", result.Failure == SignInFailure.Locked ? "locked" : "invalid").Add("returnUrl", back));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountPrincipal.Create(user));
        return Results.LocalRedirect(user.MustChangePassword ? "/change-password" + QueryString.Create("returnUrl", back) : back);
    }

    /// <remarks>Its form parameter (the header's form sends none) is what makes the endpoint check the antiforgery token.</remarks>
    static async Task<IResult> SignOutAsync([FromForm] string? returnUrl, HttpContext context, AuditLog audit)
    {
        if (AccountPrincipal.UserId(context.User) is not null)
            await audit.RecordAsync(AccountPrincipal.Actor(context.User), "sign-out", AccountPrincipal.Actor(context.User), AuditOutcome.Success, null, context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? current, [FromForm] string? next, [FromForm] string? confirm, [FromForm] string? returnUrl,
        HttpContext context, AccountService accounts)
    {
        var back = LocalUrl.OrHome(returnUrl);
        var (user, problem) = next != confirm
            ? (null, PasswordProblem.Mismatch)
            : await accounts.ChangePasswordAsync(AccountPrincipal.UserId(context.User)!.Value, current ?? "", next ?? "", context.RequestAborted);
        if (user is null)
            return Results.LocalRedirect("/change-password" + QueryString.Create("error", problem.ToString()!).Add("returnUrl", back));
        // The new password has a new stamp: the old cookie would no longer validate.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountPrincipal.Create(user));
        return Results.LocalRedirect(back);
    }
}
