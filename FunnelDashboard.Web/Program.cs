using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Cli;
using FunnelDashboard.Web.Components;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Instances;

if (!CommandLine.IsServe(args, out var hostArgs))
    return await CommandLine.RunOnConsoleAsync(args);

var builder = FunnelHost.CreateBuilder(hostArgs);
builder.WebHost.UseStaticWebAssets();
builder.Services.AddFunnelWeb(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddForecasting(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCapture(builder.Configuration);
builder.Services.AddInstanceMessages(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHeadAsGet();
app.UseRouting();
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
app.MapFunnelApi();
app.MapForecastApi();
app.MapCaptureApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
return 0;

public partial class Program;
