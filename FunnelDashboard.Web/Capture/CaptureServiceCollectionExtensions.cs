using Microsoft.AspNetCore.Authentication;

namespace FunnelDashboard.Web.Capture;

public static class CaptureServiceCollectionExtensions
{
    /// <summary>
    /// API keys (scheme "ApiKey"; the policies that use it are AddFunnelSecurity's), the capture pipeline and its writer,
    /// and the in-app traffic simulator (off unless Simulator:EventsPerSecond is set or an admin starts it).
    /// </summary>
    public static IServiceCollection AddCapture(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>()
            .Configure(options => configuration.GetSection(ApiKeyOptions.Section).Bind(options.Keys))
            .Validate(options => !options.Problems().Any(), $"{ApiKeyOptions.Section} are misconfigured")
            .ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.Configure<CaptureOptions>(configuration.GetSection(CaptureOptions.Section));
        services.AddSingleton<CapturePipeline>();
        services.AddSingleton<CaptureRateLimiter>();
        services.AddHostedService<CaptureWriter>();
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection(SimulatorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SimulatorService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorService>());
        return services;
    }
}
