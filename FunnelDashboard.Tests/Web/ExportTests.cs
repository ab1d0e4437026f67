using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Funnel;

namespace FunnelDashboard.Tests.Web;

/// <summary>What an export says about itself (its name, its subtitle) and what its CSV holds.</summary>
public class ExportTests
{
    [Fact]
    public void A_filtered_view_names_its_files_after_the_chart_and_the_filters()
    {
        var view = ViewLabel.Of(new FunnelFilter(new DateOnly(2015, 2, 1), new DateOnly(2015, 3, 31), Device.Mobile));
        Assert.Equal("funnel_mobile_2015-02-01_2015-03-31", view.FileName("funnel"));
        Assert.Equal("Mobile · 2015-02-01 – 2015-03-31", view.Text);
    }

    [Fact]
    public void Every_part_of_a_funnel_view_is_in_its_label()
    {
        var view = ViewLabel.Of(new FunnelQuery
        {
            Steps = [FunnelPage.Home, FunnelPage.Payment],
            Filter = new(To: new DateOnly(2015, 3, 31), Sex: Sex.Female),
            Breakdown = Breakdown.Device,
            WindowHours = 24,
        });
        Assert.Equal("funnel-steps-all-users_home-payment_female_to-2015-03-31_by-device_within-24h", view.FileName("Funnel steps: All users"));
        Assert.Equal("home → payment · Female · to 2015-03-31 · by device · within 24 h", view.Text);
    }

    [Fact]
    public void The_unfiltered_view_says_so_and_names_files_after_the_chart_alone()
    {
        var view = ViewLabel.Of(FunnelFilter.All);
        Assert.Equal("daily-conversion", view.FileName("daily-conversion"));
        Assert.Equal("All users, all dates", view.Text);
    }

    [Fact]
    public void The_funnel_table_csv_writes_what_the_page_shows_then_the_raw_ratio_and_seconds()
    {
        FunnelStep[] steps =
        [
            new("home", 1000, 1, 1, 498, 95, 300),
            new("search", 502, 0.502, 0.502, 502, null, null),
        ];
        var csv = DataTable<FunnelStep>.ToCsv(FunnelTable.Columns, steps);
        Assert.Equal(
            "Step,Users,From previous,From previous (ratio),From start,From start (ratio),Drop-off,Median to next,Median to next (s)\r\n" +
            "home,\"1,000\",100.0%,1,100.0%,1,498,1.6 min,95\r\n" +
            "search,502,50.2%,0.502,50.2%,0.502,502,—,\r\n",
            csv);
    }
}
