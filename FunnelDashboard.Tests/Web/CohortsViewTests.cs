using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages.Cohorts;

namespace FunnelDashboard.Tests.Web;

public class CohortsViewTests
{
    /// <summary>200 users in the week of 2015-01-05, followed for 3 weeks; 100 a week later, followed for 2.</summary>
    static readonly CohortRetention TwoCohorts = new(
    [
        new(new DateOnly(2015, 1, 5), 200, [1, 0.25, 0.1], [0.01, 0.005, 0]),
        new(new DateOnly(2015, 1, 12), 100, [1, 0.4], [0.02, 0]),
    ]);

    [Fact]
    public void The_heatmap_has_a_row_per_cohort_named_with_its_size_and_no_value_where_the_data_ends()
    {
        var view = new CohortsView(TwoCohorts, CohortPeriod.Week);

        Assert.Equal(3, view.Periods);
        Assert.Equal("Weeks after the first visit", view.OffsetTitle);
        Assert.Equal(["2015-01-05 (200 users)", "2015-01-12 (100 users)"], view.Series.Select(s => s.Name));
        Assert.All(view.Series, s => Assert.Equal(["0", "1", "2"], s.Points.Select(p => p.X)));
        Assert.Equal([100.0, 40.0, null], view.Series[1].Points.Select(p => p.Y));
    }

    [Fact]
    public void The_finding_weighs_the_return_rate_by_cohort_size()
    {
        var view = new CohortsView(TwoCohorts, CohortPeriod.Week);

        // (0.25 × 200 + 0.4 × 100) / 300 = 30 %.
        Assert.Equal("2 weekly cohorts of 300 users. 30.0% of those followed for more than a week came back in the week after their first; " +
                     "the cohort of 2015-01-12 most often (40.0%).", view.Finding);
        var young = new CohortsView(new([new(new DateOnly(2015, 1, 1), 50, [1], [0.02])]), CohortPeriod.Month);
        Assert.Equal("1 monthly cohort of 50 users. The data does not reach past their first month yet.", young.Finding);
        var one = new CohortsView(new([TwoCohorts.Cohorts[1]]), CohortPeriod.Week);
        Assert.Equal("1 weekly cohort of 100 users. 40.0% of those followed for more than a week came back in the week after their first.", one.Finding);
    }

    [Fact]
    public void The_tables_give_start_size_and_each_period_share_with_a_dash_past_the_data()
    {
        var view = new CohortsView(TwoCohorts, CohortPeriod.Week);
        var retention = view.Columns(c => c.Retention);
        var conversion = view.Columns(c => c.Conversion);

        Assert.Equal(["Cohort start", "Size", "Week 0", "Week 1", "Week 2"], retention.Select(c => c.Title));
        Assert.Equal(["2015-01-12", "100", "100.0%", "40.0%", "—"], retention.Select(c => c.Text(TwoCohorts.Cohorts[1])));
        Assert.Equal(["2015-01-05", "200", "1.0%", "0.50%", "0%"], conversion.Select(c => c.Text(TwoCohorts.Cohorts[0])));
        Assert.Equal("Week 2 (ratio)", retention[4].RawTitle);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("period=week", "")]
    [InlineData("period=month&sex=Female&to=2015-03-31", "to=2015-03-31&sex=Female&period=month")]
    public void The_url_holds_what_differs_from_the_api_defaults_and_reads_back_as_the_same_view(string query, string expected)
    {
        var parsed = CohortQuery.Parse(TrendsViewTests.Parameter(query)).Value!;
        var parameters = Cohorts.Parameters(parsed).Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}");

        Assert.Equal(expected, string.Join('&', parameters));
        Assert.Equal(parsed, CohortQuery.Parse(TrendsViewTests.Parameter(expected)).Value);
    }
}
