using FunnelDashboard.Web.Components.Controls;
using static FunnelDashboard.Web.Components.Controls.KpiTile;

namespace FunnelDashboard.Tests.Web;

public class KpiTileTests
{
    static Task<string> Render(double value, double? previous, KpiFormat format = KpiFormat.Count, IReadOnlyList<double>? sparkline = null) =>
        ComponentRenderer.RenderAsync<KpiTile>(new Dictionary<string, object?>
        {
            [nameof(KpiTile.Label)] = "Users",
            [nameof(KpiTile.Value)] = value,
            [nameof(KpiTile.Previous)] = previous,
            [nameof(KpiTile.Format)] = format,
            [nameof(KpiTile.Sparkline)] = sparkline,
        });

    [Fact]
    public async Task Counts_are_grouped_by_thousands()
    {
        var html = await Render(90400, null);
        Assert.Contains(">90,400<", html);
    }

    [Fact]
    public async Task Ratios_read_as_percentages()
    {
        var html = await Render(0.005, null, KpiFormat.Percent);
        Assert.Contains(">0.5%<", html);
    }

    [Fact]
    public async Task A_higher_count_than_before_shows_an_up_arrow_and_the_relative_change()
    {
        var html = await Render(1100, 1000);
        Assert.Contains("data-kpi-change=\"Up\"", html);
        Assert.Contains("▲", html);
        Assert.Contains("+10.0%", html);
    }

    [Fact]
    public async Task A_lower_ratio_than_before_shows_a_down_arrow_in_percentage_points()
    {
        var html = await Render(0.040, 0.055, KpiFormat.Percent);
        Assert.Contains("data-kpi-change=\"Down\"", html);
        Assert.Contains("▼", html);
        Assert.Contains("−1.5 pp", html);
    }

    [Fact]
    public async Task Without_a_previous_period_no_change_is_claimed()
    {
        var html = await Render(1000, null);
        Assert.DoesNotContain("data-kpi-change", html);
        Assert.DoesNotContain("previous period", html);
        Assert.DoesNotContain("▲", html);
        Assert.DoesNotContain("▼", html);
    }

    [Theory]
    [InlineData(1000, 1000, KpiFormat.Count, ChangeDirection.Flat, "±0.00%")]
    [InlineData(1000.04, 1000, KpiFormat.Count, ChangeDirection.Flat, "±0.00%")]
    [InlineData(1000.2, 1000, KpiFormat.Count, ChangeDirection.Up, "+0.02%")]
    [InlineData(500, 1000, KpiFormat.Count, ChangeDirection.Down, "−50.0%")]
    [InlineData(0.2, 0.1, KpiFormat.Percent, ChangeDirection.Up, "+10.0 pp")]
    // The dataset's conversion is about 0.5 %: its moves are hundredths of a point, not "±0.0 pp".
    [InlineData(0.0053, 0.0050, KpiFormat.Percent, ChangeDirection.Up, "+0.03 pp")]
    [InlineData(0.0050, 0.0058, KpiFormat.Percent, ChangeDirection.Down, "−0.08 pp")]
    [InlineData(0.01, 0.010001, KpiFormat.Percent, ChangeDirection.Flat, "±0.00 pp")]
    public void Change_direction_and_text(double value, double previous, KpiFormat format, ChangeDirection direction, string text)
    {
        Assert.Equal(new KpiChange(direction, text), ComputeChange(value, previous, format));
    }

    [Fact]
    public void A_relative_change_from_zero_is_not_shown()
    {
        Assert.Null(ComputeChange(10, 0, KpiFormat.Count));
    }

    [Fact]
    public async Task A_sparkline_draws_one_point_per_value()
    {
        var html = await Render(3, 2, sparkline: [1, 3, 2]);
        Assert.Contains("<polyline points=\"0,22 50,2 100,12\"", html);
    }
}
