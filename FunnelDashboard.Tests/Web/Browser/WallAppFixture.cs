using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The app on <see cref="FakeFunnelAnalytics"/> and a <see cref="TestClock"/>, for the wall display.</summary>
public sealed class WallAppFixture : DashboardAppFixture
{
    /// <summary>Mid-morning, half a minute into a minute: tests place events on whole minutes, far from every boundary.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 30, 30, TimeSpan.Zero);

    public FakeFunnelAnalytics Fake { get; } = new();
    public TestClock Clock { get; } = new(Start);

    protected override IDictionary<string, string?> Settings => WallSettings;

    /// <summary>No seeding (the fake holds the data), and every pushed change renders (no throttling of updates).</summary>
    public static Dictionary<string, string?> WallSettings => new() { ["Seeding:Enabled"] = "false", ["Live:MinUpdateInterval"] = "00:00:00" };

    protected override void ConfigureTestServices(IServiceCollection services) => UseFakes(services, Fake, Clock);

    public static void UseFakes(IServiceCollection services, FakeFunnelAnalytics fake, TimeProvider clock)
    {
        services.RemoveAll<IFunnelAnalytics>();
        services.AddSingleton<IFunnelAnalytics>(fake);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
    }
}

/// <summary>
/// The wall's browser tests share one app and browser and run one after another (they push to the same fake), and
/// alone: the long-running one measures the browser's heap, and on a busy machine they would starve other apps' seeding.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallCollection : ICollectionFixture<WallAppFixture>
{
    public const string Name = "Wall";
}
