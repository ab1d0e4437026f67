namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app as it ships: it seeds its temporary SQLite file from the dataset on first start.</summary>
public sealed class RealDashboardAppFixture : DashboardAppFixture
{
    protected override TimeSpan ReadyTimeout => TimeSpan.FromMinutes(5);
}
