using System.Globalization;
using FunnelDashboard.Core.Analytics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>A wall runs for weeks: a thousand updates must leave no trace in the page's DOM or JS heap.</summary>
[Collection(WallCollection.Name)]
public sealed class WallEnduranceTests(WallAppFixture app, ITestOutputHelper output)
{
    const int Updates = 1000;
    // ApexCharts' heap settles only after a few hundred redraws (V8 warming up): measured from there.
    const int Warmup = 300;
    const int Snapshots = 10;

    [Fact]
    public async Task A_thousand_updates_grow_neither_the_DOM_nor_the_JS_heap()
    {
        // Ten different snapshots in turn: every update changes the numbers and the chart's series.
        var now = app.Clock.GetUtcNow();
        var snapshots = Enumerable.Range(0, Snapshots).Select(k => LiveJourneys.Build(now, 100 + 37 * k, fresh: true)).ToArray();
        var expected = snapshots.Select(s => LiveMetrics.Compute(s, now.UtcDateTime)).ToArray();
        string Users(int k) => expected[k].Today.Users.ToString(CultureInfo.InvariantCulture);
        string MobileRate(int k) => expected[k].TodayFunnelByDevice.Groups!.Single(g => g.Value == "Mobile").Steps[^1].ConversionFromStart.ToString(CultureInfo.InvariantCulture);

        app.Fake.SetLiveSnapshot(snapshots[0]);
        await using var numbers = await app.OpenAsync(1920, 1080);
        await numbers.GoToWallAsync("?panels=kpis");
        await using var chart = await app.OpenAsync(1920, 1080);
        await chart.GoToWallAsync("?panels=devices");
        await chart.ChartAsync("wall-conversion-by-device");
        await CountChangesAsync(numbers.Page, "users-today");
        await CountChangesAsync(chart.Page, "conversion-rate-today-mobile");

        // Updates come as fast as a busy shop's would with no throttling; both ends wait for the last one. The run
        // ends on the snapshot the warm-up ends on, so both measurements see the same drawing.
        async Task ApplyAsync(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                app.Fake.SetLiveSnapshot(snapshots[i % Snapshots]);
                await Task.Delay(2);
            }
            var last = (first + count - 1) % Snapshots;
            await WallPage.WaitForMetricAsync(numbers.Page, "users-today", Users(last));
            await WallPage.WaitForMetricAsync(chart.Page, "conversion-rate-today-mobile", MobileRate(last));
        }

        await ApplyAsync(1, Warmup);
        var before = new[] { await MeasureAsync(numbers.Page), await MeasureAsync(chart.Page) };
        var shownBefore = new[] { await ChangesAsync(numbers.Page), await ChangesAsync(chart.Page) };
        await ApplyAsync(Warmup + 1, Updates);
        var after = new[] { await MeasureAsync(numbers.Page), await MeasureAsync(chart.Page) };
        var shown = new[] { await ChangesAsync(numbers.Page) - shownBefore[0], await ChangesAsync(chart.Page) - shownBefore[1] };

        for (var p = 0; p < 2; p++)
        {
            var (name, b, a) = (p == 0 ? "numbers" : "chart", before[p], after[p]);
            output.WriteLine($"{name}: {shown[p]} of {Updates} updates shown; DOM nodes {b.Nodes} -> {a.Nodes}; JS heap {b.Heap / 1024:N0} KiB -> {a.Heap / 1024:N0} KiB ({(a.Heap / b.Heap - 1) * 100:+0.0;-0.0}%)");
            Assert.True(a.Nodes <= b.Nodes, $"{name}: DOM nodes grew from {b.Nodes} to {a.Nodes}");
            Assert.True(a.Heap <= b.Heap * 1.10, $"{name}: JS heap grew from {b.Heap:N0} to {a.Heap:N0} bytes");
        }
        // Updates keep reaching the screen all along; a change that arrives while one is being drawn is folded into the
        // next drawing (the subscription never queues), so fewer than all are drawn, the more the busier the machine.
        Assert.True(shown[0] >= Updates / 10, $"only {shown[0]} of {Updates} updates reached the numbers");
        Assert.Empty(numbers.ConsoleErrors);
        Assert.Empty(chart.ConsoleErrors);
    }

    /// <summary>Counts, in the page, every change of a metric's value from now on.</summary>
    static Task CountChangesAsync(IPage page, string metric) => page.EvaluateAsync(
        """
        metric => {
            window.metricChanges = 0;
            let last = document.querySelector(`[data-metric='${metric}']`).dataset.value;
            new MutationObserver(() => {
                const value = document.querySelector(`[data-metric='${metric}']`)?.dataset.value;
                if (value !== last) { last = value; window.metricChanges++; }
            }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """, metric);

    static Task<int> ChangesAsync(IPage page) => page.EvaluateAsync<int>("() => window.metricChanges");

    /// <summary>DOM nodes and used JS heap after a forced garbage collection, from Chromium's own counters.</summary>
    static async Task<(double Nodes, double Heap)> MeasureAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var result = await cdp.SendAsync("Performance.getMetrics");
        await cdp.DetachAsync();
        var metrics = result!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        return (metrics["Nodes"], metrics["JSHeapUsedSize"]);
    }
}
