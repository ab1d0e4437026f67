using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages;

namespace FunnelDashboard.Tests.Web;

/// <summary>Each chart's text alternative states its finding, with the numbers a reader would take from the chart.</summary>
public class ChartFindingsTests
{
    // 1000 → 400 → 100 → 5: the largest loss is home → search (600), the end keeps 0.5 %.
    static readonly FunnelStep[] Steps =
    [
        new("home", 1000, 1, 1, 600, null, null),
        new("search", 400, 0.4, 0.4, 300, null, null),
        new("payment", 100, 0.25, 0.1, 95, null, null),
        new("confirmation", 5, 0.05, 0.005, 0, null, null),
    ];

    [Fact]
    public void The_funnel_names_the_end_and_the_largest_loss()
    {
        Assert.Equal("Of 1,000 users at home, 5 (0.50%) reached confirmation. Most users are lost between home and search: 600 of 1,000 (60.0%).",
            ChartFindings.Funnel(Steps));
    }

    [Fact]
    public void Conversion_lists_the_share_reaching_each_later_step()
    {
        Assert.Equal("Of the users who started at home, 40.0% reached search, 10.0% reached payment and 0.50% reached confirmation.",
            ChartFindings.Conversion(Steps));
    }

    [Fact]
    public void Groups_compare_the_best_and_worst_conversion_and_ignore_a_group_without_users()
    {
        FunnelGroup[] groups =
        [
            new("Desktop", [new("home", 1000, 1, 1, 998, null, null), new("confirmation", 2, 0.002, 0.002, 0, null, null)]),
            new("Mobile", [new("home", 500, 1, 1, 495, null, null), new("confirmation", 5, 0.01, 0.01, 0, null, null)]),
            new("Tablet", [new("home", 0, 0, 0, 0, null, null), new("confirmation", 0, 0, 0, 0, null, null)]),
        ];
        Assert.Equal("Mobile users reached confirmation 5.0 times as often as Desktop users: 1.0% against 0.20% of those who started.",
            ChartFindings.Groups(groups));
        Assert.Equal("Users at home and at confirmation: Desktop 1,000 and 2; Mobile 500 and 5.", ChartFindings.GroupCounts(groups));
    }

    [Fact]
    public void Daily_gives_the_period_rate_and_the_lowest_and_highest_day()
    {
        DailyConversion[] days =
        [
            new(new DateOnly(2015, 1, 1), 100, 1, 0.01),
            new(new DateOnly(2015, 1, 2), 0, 0, 0), // nobody started: not a 0 % day
            new(new DateOnly(2015, 1, 3), 300, 15, 0.05),
        ];
        Assert.Equal("Over the period 4.0% of starting users converted; by day it ranged from 1.0% (2015-01-01) to 5.0% (2015-01-03).",
            ChartFindings.Daily(days));
    }

    [Fact]
    public void An_empty_funnel_says_so()
    {
        Assert.Equal("No users entered the funnel.", ChartFindings.Funnel([new("home", 0, 0, 0, 0, null, null), new("search", 0, 0, 0, 0, null, null)]));
    }
}
