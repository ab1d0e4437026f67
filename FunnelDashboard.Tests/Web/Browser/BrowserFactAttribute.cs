namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>A browser test: skipped, saying why, on a machine without Debian's Chromium (apt-get install -y chromium).</summary>
public class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(DashboardAppFixture.ChromiumPath))
            Skip = $"No Chromium at {DashboardAppFixture.ChromiumPath}: apt-get install -y chromium";
    }
}
