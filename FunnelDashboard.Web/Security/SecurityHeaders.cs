using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy allowing only the app's own scripts (and Blazor's inline import
/// map, by this response's nonce), styles and connections (Blazor's WebSocket included). Inline styles stay allowed:
/// Blazor and the charts set style attributes, and ApexCharts adds style elements, some (in its PNG export's SVG) where
/// no nonce can reach. No MIME sniffing, no referrer beyond this origin, and no framing, except the wall by the origins
/// in Wall:AllowEmbeddingFrom. The API docs (Swagger UI, which runs an inline script) get a policy of their own.
/// </summary>
public static class SecurityHeaders
{
    const string Common = "default-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
    const string DocsPolicy = Common + "; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
    static readonly object NonceKey = new();

    /// <summary>This response's nonce (random, base64): an inline script with it is allowed.</summary>
    public static string Nonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var embedders = app.ApplicationServices.GetRequiredService<IOptions<WallEmbeddingOptions>>().Value.AllowEmbeddingFrom
            .Select(origin => origin.TrimEnd('/')).ToArray();
        return app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // At the last moment, so error responses (whose headers the exception handler clears) carry them too.
            context.Response.OnStarting(() =>
            {
                Apply(context.Request.Path, context.Response.Headers, nonce, embedders);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    static void Apply(PathString path, IHeaderDictionary headers, string nonce, string[] embedders)
    {
        var policy = path.StartsWithSegments("/docs") ? DocsPolicy
            : $"{Common}; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'";
        if (embedders.Length > 0 && path.Equals("/wall", StringComparison.OrdinalIgnoreCase))
            headers.ContentSecurityPolicy = $"{policy}; frame-ancestors {string.Join(' ', embedders)}";
        else
        {
            headers.ContentSecurityPolicy = $"{policy}; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
        }
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }
}
