using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app as it ships: it seeds its temporary SQLite file from seed-data/ (90,400 users) on first start.</summary>
public sealed class RealDashboardAppFixture : DashboardAppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeding:Folder"] = TestPaths.SeedData };
}
