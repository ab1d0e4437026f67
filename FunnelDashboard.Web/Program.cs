using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Cli;
using FunnelDashboard.Web.Components;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;

if (CommandLine.IsVerb(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

// The app's files (appsettings, seed data, static web assets manifest) sit in its base directory, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();
builder.Services.AddFunnelWeb(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddForecasting(builder.Configuration, builder.Environment.ContentRootPath);
// Pages and API answers are compressed here; static assets come precompressed from the build (MapStaticAssets).
builder.Services.AddResponseCompression(options => options.EnableForHttps = true);
// In Development MapStaticAssets re-reads a file whose time differs from the build manifest's (which keeps whole
// seconds, so every file) and serves it "gzipped" at level 0. A rebuild refreshes the manifest anyway.
builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

var app = builder.Build();
// Before MapStaticAssets: it serves precompressed files itself, and the middleware leaves an encoded response alone.
app.UseResponseCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
// A person who follows a dead link gets the NotFound page (status 404, with the navigation); API clients keep JSON.
app.UseWhen(context => context.Request.Headers.Accept.ToString().Contains("text/html"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRouting(); // explicit, after the re-execute, so the re-executed request is routed to the NotFound page
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
app.MapFunnelApi();
app.MapForecastApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
return 0;

public partial class Program;
