using FunnelDashboard.Web.Capture;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>The scheme that picks, per request, the API key (X-Api-Key header present) or the sign-in cookie.</summary>
    public const string CookieOrApiKey = "CookieOrApiKey";

    /// <summary>
    /// People's accounts (sign-in cookie, lockout, the first admin), stored API keys, the audit log's users, the policies
    /// (capture, admin, dashboard, person) and the page's authentication state. The ApiKey scheme itself is AddCapture's.
    /// </summary>
    public static IServiceCollection AddFunnelSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new OptionsProblems<AuthOptions>(options => options.Problems()));
        services.AddOptions<WallEmbeddingOptions>().Bind(configuration.GetSection(WallEmbeddingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WallEmbeddingOptions>>(new OptionsProblems<WallEmbeddingOptions>(options => options.Problems()));

        services.AddSingleton<Passwords>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<AccountCookieEvents>();
        services.AddSingleton<AccountsInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountsInitializer>());

        services.AddAuthentication(CookieOrApiKey)
            .AddPolicyScheme(CookieOrApiKey, "Sign-in cookie or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/access-denied";
                options.ReturnUrlParameter = "returnUrl";
                options.Cookie.Name = "FunnelDashboard.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the app is reached over HTTPS
                options.SlidingExpiration = true;
                options.EventsType = typeof(AccountCookieEvents);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true; // framing is SecurityHeaders' to decide (the wall may be embedded)
        });
        // A request refused while its values are read (a form post without its antiforgery token, a broken body) is the
        // client's fault: its own 4xx status, not 500. The body stays the generic problem details, without the exception.
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Capture, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(ApiKeyOptions.CaptureRole, ApiKeyOptions.AdminRole))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(UserRoles.Admin).RequireAssertion(PasswordIsChanged))
            .AddPolicy(Policies.Person, policy => policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, auth) =>
            authorization.AddPolicy(Policies.Dashboard, policy =>
            {
                if (auth.Value.RequireSignInForDashboards) policy.RequireAuthenticatedUser().RequireAssertion(PasswordIsChanged);
                else policy.RequireAssertion(_ => true);
            }));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>A person who must change the password may do nothing else first.</summary>
    static bool PasswordIsChanged(AuthorizationHandlerContext context) => !AccountPrincipal.MustChangePassword(context.User);
}
