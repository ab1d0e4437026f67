namespace FunnelDashboard.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The job runner (a hosted service), retraining of every registered <see cref="IModelTrainer"/>, dataset imports and analytics refreshes.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddSingleton<Retraining>();
        services.AddSingleton<DatasetImportJobs>();
        return services;
    }
}
