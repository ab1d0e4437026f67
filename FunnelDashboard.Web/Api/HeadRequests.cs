namespace FunnelDashboard.Web.Api;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2). Endpoints here are mapped for GET only, so every HEAD request is
/// routed as a GET, its body is discarded, and the method is HEAD again by the time the server sends the headers.
/// </summary>
public static class HeadRequests
{
    /// <summary>Must come before <c>UseRouting</c>, which picks the endpoint by method.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            // The server checks a GET's body against Content-Length; a HEAD's body is empty by definition.
            context.Response.OnStarting(() =>
            {
                context.Request.Method = HttpMethods.Head;
                return Task.CompletedTask;
            });
            await next(context);
        });
}
