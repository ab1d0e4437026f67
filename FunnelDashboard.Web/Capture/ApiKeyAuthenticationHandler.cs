using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FunnelDashboard.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// The "ApiKey" scheme: the X-Api-Key header against the configured keys, compared in constant time (as SHA-256
/// hashes, so neither the content nor the length of a key leaks through timing), then against the keys created on the
/// admin page (the store holds only their hashes; revoked ones no longer match). A match signs in as that key with its
/// role as a role claim. No key: 401; no keys configured or stored at all: 403 saying how to configure one.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys,
    AccountStore store,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    readonly (byte[] Hash, string Role, string Name)[] configured =
        keys.Value.Active.Select(k => (Hash(k.Key.Key.Trim()), k.Key.Role, $"{ApiKeyOptions.Section}:{k.Index}")).ToArray();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ Length: > 0 } presented]) return AuthenticateResult.NoResult();
        var hash = Hash(presented.Trim());
        var match = -1;
        for (var i = 0; i < configured.Length; i++) // every key is compared, so the time does not tell which one matched
            if (CryptographicOperations.FixedTimeEquals(hash, configured[i].Hash)) match = i;
        if (match >= 0) return Success(configured[match].Name, configured[match].Role);
        // A stored key is looked up by its hash: the hash of a random 256-bit key gives a timing nothing to learn from.
        if (await store.FindActiveApiKeyAsync(hash, Context.RequestAborted) is { } stored) return Success($"key:{stored.Name}", stored.Role);
        return AuthenticateResult.Fail($"The {Header} header is not a configured key nor one created on the admin page (or it was revoked).");
    }

    static AuthenticateResult Success(string name, string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (configured.Length == 0 && !await store.HasActiveApiKeysAsync(Context.RequestAborted))
        {
            await WriteProblemAsync(StatusCodes.Status403Forbidden, "No API keys are configured",
                $"This endpoint is off until a key is configured: set {ApiKeyOptions.Section}:0:Key (at least 16 characters) and " +
                $"{ApiKeyOptions.Section}:0:Role = {ApiKeyOptions.CaptureRole} or {ApiKeyOptions.AdminRole} in appsettings.json, or the " +
                $"environment variables {ApiKeyOptions.Section}__0__Key and {ApiKeyOptions.Section}__0__Role, or create a key on the admin page (/admin/keys), " +
                $"then send the key in the {Header} header.");
            return;
        }
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key required",
            failure?.Message ?? $"Send a configured API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "API key not allowed here",
            $"This key's role ({Context.User.FindFirstValue(ClaimTypes.Role)}) may not use this endpoint.");

    async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>How keys are compared and stored: the SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
