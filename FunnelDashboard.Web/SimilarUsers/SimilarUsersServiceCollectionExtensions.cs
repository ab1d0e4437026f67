using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.Web.Instances;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.SimilarUsers;

public static class SimilarUsersServiceCollectionExtensions
{
    /// <summary>The similar-users service, its options ("SimilarUsers" section, model directory under the content root) its start-up loading and training, and its retraining job.</summary>
    public static IServiceCollection AddSimilarUsers(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<SimilarUsersOptions>(configuration.GetSection(SimilarUsersOptions.Section));
        services.PostConfigure<SimilarUsersOptions>(options => options.ModelDirectory = Path.GetFullPath(options.ModelDirectory, contentRoot));
        services.AddSingleton(sp => new SimilarUsersService(() => sp.GetRequiredService<FunnelAnalytics>().Snapshot,
            sp.GetRequiredService<VectorStore>(), sp.GetRequiredService<IInstanceMessages>(), sp.GetRequiredService<IOptions<SimilarUsersOptions>>(), sp.GetRequiredService<ILogger<SimilarUsersService>>()));
        services.AddHostedService<SimilarUsersInitializer>();
        services.AddSingleton<FunnelDashboard.Web.Jobs.IModelTrainer, TwoTowerModelTrainer>();
        return services;
    }
}
