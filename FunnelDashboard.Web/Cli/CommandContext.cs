using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Instances;

namespace FunnelDashboard.Web.Cli;

/// <summary>What a verb works with: where to write, and the web app's configuration and services (without its server).</summary>
public sealed class CommandContext(TextWriter output, TextWriter error, IConfiguration configuration, IHostEnvironment environment)
{
    /// <summary>The verb's result only (e.g. funnel --json), so it can be piped.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Errors; progress goes there too, through the log.</summary>
    public TextWriter Error { get; } = error;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Storage, analytics and forecasting with the app's configuration (or <paramref name="configuration"/>).</summary>
    public ServiceProvider BuildServices(IConfiguration? configuration = null)
    {
        configuration ??= Configuration;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddFunnelStorage(configuration, environment.ContentRootPath);
        services.AddForecasting(configuration, environment.ContentRootPath);
        services.AddSingleton<IInstanceMessages, NoOtherInstances>(); // a command tells no running instance about what it trains
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ILogger<CommandContext>>().LogInformation("Environment {Environment}, {Provider} store",
            environment.EnvironmentName, provider.GetRequiredService<IEventStore>().Provider);
        return provider;
    }
}
