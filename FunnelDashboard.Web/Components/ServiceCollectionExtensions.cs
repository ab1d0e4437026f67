using FunnelDashboard.Web.Components.Controls;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunnelDashboard.Web.Components;

public static class ServiceCollectionExtensions
{
    /// <summary>The services the dashboard's components need (one toast list per circuit).</summary>
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.TryAddScoped<ToastService>();
        return services;
    }
}
