namespace FunnelDashboard.Web.Forecasting;

public static class ForecastingServiceCollectionExtensions
{
    /// <summary>The forecast service, its options ("Forecasting" section, model directory under the content root) and start-up training.</summary>
    public static IServiceCollection AddForecasting(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<ForecastingOptions>(configuration.GetSection(ForecastingOptions.Section));
        services.PostConfigure<ForecastingOptions>(options => options.ModelDirectory = Path.GetFullPath(options.ModelDirectory, contentRoot));
        services.AddSingleton<ForecastService>();
        services.AddHostedService<ForecastInitializer>();
        return services;
    }
}
