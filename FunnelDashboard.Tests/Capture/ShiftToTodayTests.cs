using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Capture;

/// <summary>Hosts the app: one such class at a time, so first-start seeding elsewhere is not starved.</summary>
[Collection(CaptureApp.Collection)]
public class ShiftToTodayTests
{
    [Fact]
    public async Task The_seeded_demo_history_ends_yesterday_so_live_events_continue_it()
    {
        using var app = new FunnelAppFactory(new Dictionary<string, string?> { ["Seeding:ShiftToToday"] = "true" });
        app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Ready);

        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), app.Analytics.Current.DataRange!.To);
    }
}
