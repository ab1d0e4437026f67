namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>The dashboard in a browser on the app's own analytics, seeded from the dataset into a temporary SQLite file.</summary>
public sealed class RealAppBrowserTests(RealDashboardAppFixture app) : IClassFixture<RealDashboardAppFixture>
{
    [Fact]
    public Task Overview_shows_the_funnel_with_one_bar_per_step_and_its_numbers() =>
        DashboardScenarios.OverviewShowsTheFunnelWithOneBarPerStepAndItsNumbers(app, "overview");

    [Fact]
    public Task Changing_a_filter_updates_the_chart_and_the_url() => DashboardScenarios.ChangingAFilterUpdatesTheChartAndTheUrl(app);

    [Fact]
    public Task Reloading_and_going_back_restore_the_view() => DashboardScenarios.ReloadingAndGoingBackRestoreTheView(app, "funnel-filtered");

    [Fact]
    public Task Invalid_parameters_show_an_error_state() => DashboardScenarios.InvalidParametersShowAnErrorState(app);

    [Fact]
    public Task Every_overview_chart_has_a_table() => DashboardScenarios.EveryOverviewChartHasATable(app);

    [Fact]
    public Task Trends_show_the_api_numbers_and_the_period_control_changes_url_and_chart() =>
        AnalyticsPageScenarios.TrendsShowTheApiNumbersAndThePeriodControlChangesUrlAndChart(app);

    [Fact]
    public Task Cohorts_show_the_api_numbers_and_the_period_control_changes_url_and_heatmap() =>
        AnalyticsPageScenarios.CohortsShowTheApiNumbersAndThePeriodControlChangesUrlAndHeatmap(app);

    [Fact]
    public Task The_funnel_says_whether_its_groups_differ_and_how_long_converting_takes() =>
        AnalyticsPageScenarios.TheFunnelSaysWhetherItsGroupsDifferAndHowLongConvertingTakes(app);
}
