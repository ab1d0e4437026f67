using System.Security.Claims;
using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Endpoints;

namespace FunnelDashboard.Web.Security;

/// <summary>
/// The sign-in cookie's checks and answers: each request re-reads the account, so a disabled user or a reset password
/// ends the session and a role change applies at once; pages redirect to /login (or the access-denied page) while API
/// endpoints answer 401 or 403 with problem details, as they do for API keys.
/// </summary>
public sealed class AccountCookieEvents(AccountStore store, IProblemDetailsService problems, ILogger<AccountCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        if (AccountPrincipal.UserId(principal) is not { } id)
        {
            context.RejectPrincipal();
            return;
        }
        AccountUser? user;
        try
        {
            user = await store.GetUserAsync(id, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The dashboards keep serving their loaded data through a store outage; so does a session. Admin actions check the store again.
            logger.LogWarning("Could not check the session of {User} against the store: {Error}", principal.Identity?.Name, e.Message);
            return;
        }
        if (user is null || user.Disabled || principal.FindFirstValue(AccountPrincipal.StampClaim) != AccountPrincipal.Stamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (!AccountPrincipal.IsCurrent(principal, user))
        {
            context.ReplacePrincipal(AccountPrincipal.Create(user));
            context.ShouldRenew = true;
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsPage(context.HttpContext) ? base.RedirectToLogin(context)
            : ProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required",
                $"Sign in (POST /account/login) or send an API key in the {Capture.ApiKeyAuthenticationHandler.Header} header.");

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        var user = context.HttpContext.User;
        if (!IsPage(context.HttpContext))
            return ProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
                AccountPrincipal.MustChangePassword(user) ? "Change your password first (/change-password)."
                    : $"Your role ({user.FindFirstValue(ClaimTypes.Role)}) may not use this endpoint.");
        if (AccountPrincipal.MustChangePassword(user))
            context.RedirectUri = "/change-password" + QueryString.Create("returnUrl", context.Request.PathBase + context.Request.Path + context.Request.QueryString);
        return base.RedirectToAccessDenied(context);
    }

    /// <summary>A Blazor page (people, in a browser) rather than an API endpoint.</summary>
    static bool IsPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
    }
}
