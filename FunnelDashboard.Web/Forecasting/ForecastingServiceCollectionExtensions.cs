using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

public static class ForecastingServiceCollectionExtensions
{
    /// <summary>
    /// The forecast service, its training (a retrainable model for the job runner), its options ("Forecasting"
    /// section, validated at start, model directory under the content root), start-up training and the retraining schedule.
    /// </summary>
    public static IServiceCollection AddForecasting(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<ForecastingOptions>().Bind(configuration.GetSection(ForecastingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForecastingOptions>, ForecastingOptionsValidator>();
        services.PostConfigure<ForecastingOptions>(options => options.ModelDirectory = Path.GetFullPath(options.ModelDirectory, contentRoot));
        services.AddSingleton<ForecastService>();
        services.AddSingleton<ForecastTraining>();
        services.AddSingleton<IModelTrainer, ForecastModelTrainer>();
        services.AddHostedService<ForecastInitializer>();
        services.AddHostedService<RetrainScheduler>();
        return services;
    }
}
