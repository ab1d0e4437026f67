using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages.Funnel;

namespace FunnelDashboard.Tests.Web;

/// <summary>What the funnel page says under a breakdown: the groups' conversion, their difference, and the time to convert.</summary>
public class FunnelSignificanceViewTests
{
    static readonly GroupConversion Mobile = new("Mobile", 10_000, 100, 0.01, 0.0082, 0.0122);
    static readonly GroupConversion Desktop = new("Desktop", 10_000, 25, 0.0025, 0.0017, 0.0037);

    [Fact]
    public void Names_each_group_with_its_interval_and_calls_a_small_p_value_significant()
    {
        Assert.Equal("Mobile converts at 1.0% (0.82%–1.2%), Desktop at 0.25% (0.17%–0.37%); the difference is significant (p < 0.001).",
            SignificanceText.Sentence(new([Mobile, Desktop], 6.7, 2e-11)));
        Assert.EndsWith("; the difference is significant (p = 0.012).", SignificanceText.Sentence(new([Mobile, Desktop], 2.5, 0.0124)));
    }

    [Fact]
    public void A_large_p_value_could_be_chance_and_an_undefined_test_is_said_to_be_impossible()
    {
        Assert.EndsWith("; the difference could be chance (p = 0.430).", SignificanceText.Sentence(new([Mobile, Desktop], 0.8, 0.43)));
        var nobody = new GroupConversion("Male", 500, 0, 0, 0, 0.0076);
        Assert.Equal("Male converts at 0.00% (0.00%–0.76%), Female at 0.00% (0.00%–0.76%); no test is possible, as nobody (or everybody) converted.",
            SignificanceText.Sentence(new([nobody, nobody with { Value = "Female" }], null, null)));
    }

    [Fact]
    public void A_group_the_filters_empty_is_left_out_of_words_and_table()
    {
        var significance = new FunnelSignificance([Mobile, Desktop with { Users = 0, Conversions = 0, Rate = 0, Lower = 0, Upper = 1 }], null, null);

        Assert.Equal([Mobile], SignificanceText.Groups(significance));
        Assert.Equal("Mobile converts at 1.0% (0.82%–1.2%); the filters leave no other group to compare with.", SignificanceText.Sentence(significance));
    }

    [Fact]
    public void The_time_to_convert_histogram_shows_the_bins_from_the_first_to_the_last_with_users()
    {
        var edges = TimeToConvert.BinEdges;
        var users = new long[edges.Length];
        (users[4], users[6]) = (3, 1); // 2-5 min and 10-30 min
        var time = new TimeToConvert("home", "confirmation", 4, 390, 525,
            edges.Select((edge, i) => new TimeBin(edge, i + 1 < edges.Length ? edges[i + 1] : null, users[i])).ToList());

        var bars = Assert.Single(TimeToConvertChart.Series(time)).Points;
        Assert.Equal(["2 min–5 min", "5 min–10 min", "10 min–30 min"], bars.Select(b => b.X));
        Assert.Equal([3.0, 0, 1], bars.Select(b => b.Y!.Value));
        Assert.Equal("under 10 s", TimeToConvertChart.Label(time.Bins[0]));
        Assert.Equal("30 d or more", TimeToConvertChart.Label(time.Bins[^1]));
        Assert.Equal("4 users went from home to confirmation: half of them within 6.5 min, 90 % within 8.8 min.", TimeToConvertChart.Finding(time));

        var none = time with { Users = 0, MedianSeconds = null, P90Seconds = null, Bins = time.Bins.Select(b => b with { Users = 0 }).ToList() };
        Assert.Empty(Assert.Single(TimeToConvertChart.Series(none)).Points);
        Assert.Equal("No user went from home to confirmation in this view.", TimeToConvertChart.Finding(none));
    }
}
