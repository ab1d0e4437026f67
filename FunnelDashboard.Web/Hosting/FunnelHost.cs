namespace FunnelDashboard.Web.Hosting;

/// <summary>
/// The one place the app's configuration is assembled (appsettings.json, appsettings.{environment}.json, environment
/// variables with and without the ASPNETCORE_ prefix, host options such as --urls). The web server and the command-line
/// verbs both start here, so they always act on the same store.
/// </summary>
public static class FunnelHost
{
    /// <remarks>The app's files (appsettings, seed data, static web assets manifest) sit in its base directory, wherever it is started from.</remarks>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
}
