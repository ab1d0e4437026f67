using FunnelDashboard.Core.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app on <see cref="FakeFunnelAnalytics"/>: deterministic numbers, and states and updates a test can push.</summary>
public sealed class FakeDashboardAppFixture : DashboardAppFixture
{
    public FakeFunnelAnalytics Fake { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeding:Enabled"] = "false" };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<IFunnelAnalytics>();
        services.AddSingleton<IFunnelAnalytics>(Fake);
    }
}
