using FunnelDashboard.Web.Components.Pages.Wall;

namespace FunnelDashboard.Tests.Web;

public class WallViewTests
{
    static WallView Parse(params (string Name, string Value)[] parameters) =>
        WallView.Parse(name => parameters.FirstOrDefault(p => p.Name == name).Value);

    [Fact]
    public void Without_parameters_all_panels_rotate_every_20_seconds_in_the_dark()
    {
        var view = Parse();

        Assert.Equal(20, view.RotateSeconds);
        Assert.Equal([WallPanel.Kpis, WallPanel.Funnel, WallPanel.Devices, WallPanel.Trend, WallPanel.Forecast], view.Panels);
        Assert.Equal("dark", view.Theme);
        Assert.Empty(view.Problems);
    }

    [Fact]
    public void Panels_keep_the_given_order_ignoring_case_and_repeats()
    {
        var view = Parse(("panels", "Trend, kpis,trend"), ("rotate", "45"), ("theme", "light"));

        Assert.Equal([WallPanel.Trend, WallPanel.Kpis], view.Panels);
        Assert.Equal(45, view.RotateSeconds);
        Assert.Equal("light", view.Theme);
        Assert.Empty(view.Problems);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("4")]
    [InlineData("3601")]
    [InlineData("-20")]
    public void A_bad_rotation_is_named_and_the_default_used(string rotate)
    {
        var view = Parse(("rotate", rotate));

        Assert.Equal(20, view.RotateSeconds);
        Assert.Contains($"rotate='{rotate}'", Assert.Single(view.Problems));
    }

    [Fact]
    public void Unknown_panels_are_named_and_the_known_ones_kept()
    {
        var view = Parse(("panels", "kpis,clock"));

        Assert.Equal([WallPanel.Kpis], view.Panels);
        Assert.Equal("panels: 'clock' is not a panel; the panels are kpis, funnel, devices, trend, forecast.", Assert.Single(view.Problems));
    }

    [Fact]
    public void No_known_panel_shows_them_all()
    {
        var view = Parse(("panels", "clock"), ("theme", "pink"));

        Assert.Equal(WallView.AllPanels, view.Panels);
        Assert.Equal("dark", view.Theme);
        Assert.Equal(3, view.Problems.Count);
    }
}
