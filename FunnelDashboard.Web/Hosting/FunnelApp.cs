using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Components;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Instances;
using FunnelDashboard.Web.Jobs;
using FunnelDashboard.Web.Security;
using FunnelDashboard.Web.SimilarUsers;

namespace FunnelDashboard.Web.Hosting;

/// <summary>
/// The web app, services and request pipeline, built in one place: the server (Program) runs it, and a benchmark can
/// run the very same app on loopback (<c>bench live</c>).
/// </summary>
public static class FunnelApp
{
    public static WebApplication Build(string[] hostArgs)
    {
        var builder = FunnelHost.CreateBuilder(hostArgs);
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddFunnelWeb(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddForecasting(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSimilarUsers(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddJobs(builder.Configuration);
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddFunnelSecurity(builder.Configuration);
        builder.Services.AddInstanceMessages(builder.Configuration);
        // Pages and API answers are compressed here; static assets come precompressed from the build (MapStaticAssets).
        builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
        // In Development MapStaticAssets re-reads a file whose time differs from the build manifest's (which keeps whole
        // seconds, so every file) and serves it "gzipped" at level 0. A rebuild refreshes the manifest anyway.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

        var app = builder.Build();
        app.UseSecurityHeaders();
        // Before MapStaticAssets: it serves precompressed files itself, and the middleware leaves an encoded response alone.
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeadAsGet();
        // A person who follows a dead link gets the NotFound page (status 404, with the navigation); API clients keep JSON.
        app.UseWhen(context => context.Request.Headers.Accept.ToString().Contains("text/html"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRouting(); // explicit, after the re-execute, so the re-executed request is routed to the NotFound page
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "FunnelDashboard API");
            options.DocumentTitle = "FunnelDashboard API";
        });
        app.MapFunnelHealth();
        // The dashboards' data follows the dashboards: open, or closed by Auth:RequireSignInForDashboards.
        var dashboardData = app.MapGroup("").RequireAuthorization(Policies.Dashboard);
        dashboardData.MapFunnelApi();
        dashboardData.MapAnalyticsApi();
        dashboardData.MapForecastApi();
        dashboardData.MapSimilarUsersApi();
        app.MapCaptureApi();
        app.MapAccountEndpoints();
        app.MapJobsApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
