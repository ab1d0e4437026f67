using System.Globalization;
using Microsoft.Playwright;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>Reading the wall display the way a monitor would: by its data-metric attributes.</summary>
public static class WallPage
{
    public static async Task GoToWallAsync(this DashboardPage page, string query = "")
    {
        await page.Page.GotoAsync("wall" + query);
        await WaitUntilInteractiveAsync(page.Page);
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator(".fd-wall-shell[data-interactive=true]").WaitForAsync();

    public static ILocator Metric(this DashboardPage page, string name) => page.Page.Locator($"[data-metric='{name}']");

    public static async Task<double> MetricValueAsync(this DashboardPage page, string name) =>
        double.Parse((await page.Metric(name).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>Resolves as soon as the metric holds <paramref name="value"/> (a DOM observer, no polling delay).</summary>
    public static Task WaitForMetricAsync(IPage page, string name, string value) => page.EvaluateAsync(
        """
        ([name, value]) => new Promise(resolve => {
            const holds = () => document.querySelector(`[data-metric='${name}']`)?.dataset.value === value;
            if (holds()) return resolve();
            const observer = new MutationObserver(() => { if (holds()) { observer.disconnect(); resolve(); } });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        })
        """, new[] { name, value });
}
