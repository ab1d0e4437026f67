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

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
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
app.MapAnalyticsApi();
app.MapForecastApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
return 0;

public partial class Program;
