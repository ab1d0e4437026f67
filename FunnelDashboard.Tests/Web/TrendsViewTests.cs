using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Trends;

namespace FunnelDashboard.Tests.Web;

public class TrendsViewTests
{
    static readonly DateOnly Week1 = new(2015, 1, 5), Week2 = new(2015, 1, 12);

    /// <summary>Desktop: 1 of 100 in week 1, nobody in week 2; Mobile: 2 of 50, then 4 of 40; Tablet: nobody at all.</summary>
    static ConversionTrends ByDevice() => new(
        [new(Week1, 150, 3, 0.02, 0.007, 0.057), new(Week2, 40, 4, 0.1, 0.04, 0.23)],
        [
            new("Desktop", [new(Week1, 100, 1, 0.01, 0.0018, 0.0545), new(Week2, 0, 0, 0, 0, 1)]),
            new("Mobile", [new(Week1, 50, 2, 0.04, 0.011, 0.135), new(Week2, 40, 4, 0.1, 0.0396, 0.2306)]),
            new("Tablet", [new(Week1, 0, 0, 0, 0, 1), new(Week2, 0, 0, 0, 0, 1)]),
        ]);

    [Fact]
    public void Draws_each_group_with_users_as_a_line_over_its_band_in_percent()
    {
        var view = new TrendsView(ByDevice(), Granularity.Week);

        Assert.Equal(["Desktop: 95 % interval", "Mobile: 95 % interval", "Desktop", "Mobile"], view.Series.Select(s => s.Name));
        Assert.Equal(["rangeArea", "rangeArea", "line", "line"], view.Series.Select(s => s.Type));
        // Desktop's empty week has no rate: it is not drawn at all (not as 0 % with a band to 100 %).
        var desktopBand = Assert.Single(view.Series[0].Points);
        Assert.Equal(("2015-01-05", 0.18, 5.45), (desktopBand.X, desktopBand.Low!.Value, desktopBand.Y!.Value));
        Assert.Equal([4.0, 10.0], view.Series[3].Points.Select(p => p.Y!.Value));
    }

    [Fact]
    public void The_finding_gives_each_group_its_overall_rate_and_its_range_by_period()
    {
        var view = new TrendsView(ByDevice(), Granularity.Week);

        // Mobile: 6 of 90 over both weeks; Desktop has one week with users, so no range.
        Assert.Equal("Over the whole view Desktop converted at 1.0% and Mobile converted at 6.7% (by week from 4.0% to 10.0%).", view.Finding);
    }

    [Fact]
    public void The_table_lists_every_period_of_the_api_answer_and_has_a_group_column_only_with_a_breakdown()
    {
        var grouped = new TrendsView(ByDevice(), Granularity.Week);
        var all = new TrendsView(ByDevice() with { Groups = null }, Granularity.Day);

        Assert.Equal([("Desktop", Week1), ("Desktop", Week2), ("Mobile", Week1), ("Mobile", Week2)], grouped.Rows.Select(r => (r.Group, r.Period.Start)));
        var rate = grouped.Columns.Single(c => c.Title == "Rate");
        Assert.Equal(["1.0%", "—", "4.0%", "10.0%"], grouped.Rows.Select(rate.Text));
        Assert.Contains(grouped.Columns, c => c.Title == "Group");
        Assert.DoesNotContain(all.Columns, c => c.Title == "Group");
        // 7 of 190 over both periods.
        Assert.Equal("Over the whole view 3.7% of the starting users converted (by day from 2.0% to 10.0%).", all.Finding);
    }

    [Fact]
    public void The_chart_csv_gives_each_band_its_low_and_high_and_the_file_is_named_after_the_view()
    {
        var view = new TrendsView(ByDevice(), Granularity.Week);
#pragma warning disable BL0005 // the chart's CSV needs only its parameters, not a renderer
        var chart = new ApexChart { CategoryTitle = "Period start", Series = view.Series, Format = TrendsView.PercentText, Unit = "%" };
#pragma warning restore BL0005

        var lines = chart.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Period start,Desktop: 95 % interval,Desktop: 95 % interval low (%),Desktop: 95 % interval high (%)," +
                     "Mobile: 95 % interval,Mobile: 95 % interval low (%),Mobile: 95 % interval high (%),Desktop,Desktop (%),Mobile,Mobile (%)", lines[0]);
        Assert.StartsWith("2015-01-05,0.18% – 5.5%,0.18,5.45,1.1% – 13.5%,1.1,13.5,1.0%,1,4.0%,4", lines[1]);
        Assert.Equal("2015-01-12,,,,4.0% – 23.1%,3.96,23.06,,,10.0%,10", lines[2]); // Desktop had nobody that week
        Assert.Equal("conversion-trend_by-device_weekly",
            ViewLabel.Of(new FunnelQuery { Breakdown = Breakdown.Device }).And("weekly", "weekly").FileName("conversion-trend"));
    }

    [Fact]
    public void Nobody_in_the_view_leaves_no_group_to_draw()
    {
        var view = new TrendsView(new ConversionTrends([new(Week1, 0, 0, 0, 0, 1)], null), Granularity.Week);

        Assert.Empty(view.Groups);
        Assert.Equal("No users started the funnel in this view.", view.Finding);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("granularity=day", "")]
    [InlineData("granularity=month&breakdown=sex", "breakdown=sex&granularity=month")]
    [InlineData("device=Mobile&from=2015-02-01&granularity=week", "from=2015-02-01&device=Mobile&granularity=week")]
    public void The_url_holds_what_differs_from_the_api_defaults_and_reads_back_as_the_same_view(string query, string expected)
    {
        var parsed = TrendsQuery.Parse(Parameter(query)).Value!;
        var parameters = Trends.Parameters(parsed).Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}");

        Assert.Equal(expected, string.Join('&', parameters));
        Assert.Equal(parsed, TrendsQuery.Parse(Parameter(expected)).Value);
    }

    internal static Func<string, string?> Parameter(string query)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return name => values.GetValueOrDefault(name);
    }
}
