using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class FunnelQueryTests
{
    static QueryParseResult<FunnelQuery> Parse(params (string Key, string Value)[] parameters) =>
        FunnelQuery.Parse(name => parameters.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault());

    [Fact]
    public void No_parameters_give_the_default_funnel()
    {
        var query = Parse().Value!;
        Assert.Equal(FunnelQuery.Default, query);
        Assert.Equal([FunnelPage.Home, FunnelPage.Search, FunnelPage.Payment, FunnelPage.Confirmation], query.Steps);
        Assert.All(query.ToParameters().Values, Assert.Null);
    }

    [Fact]
    public void All_parameters_parse_and_round_trip()
    {
        var query = Parse(("steps", "home,payment_page"), ("from", "2015-02-01"), ("to", "2015-03-31"), ("device", "mobile"),
            ("sex", "Female"), ("breakdown", "device"), ("window", "48")).Value!;

        Assert.Equal([FunnelPage.Home, FunnelPage.Payment], query.Steps);
        Assert.Equal(new FunnelFilter(new DateOnly(2015, 2, 1), new DateOnly(2015, 3, 31), Device.Mobile, Sex.Female), query.Filter);
        Assert.Equal(Breakdown.Device, query.Breakdown);
        Assert.Equal(48, query.WindowHours);

        var parameters = query.ToParameters();
        Assert.Equal("home,payment", parameters["steps"]);
        Assert.Equal("Mobile", parameters["device"]);
        Assert.Equal(query, FunnelQuery.Parse(name => parameters.GetValueOrDefault(name)).Value);
    }

    [Theory]
    [InlineData("from", "2015-13-01", "'2015-13-01' is not a date")]
    [InlineData("to", "yesterday", "'yesterday' is not a date")]
    [InlineData("device", "Tablet", "Unknown device 'Tablet'")]
    [InlineData("device", "1", "Unknown device '1'")]
    [InlineData("sex", "x", "Unknown sex 'x'")]
    [InlineData("breakdown", "page", "'page' is not a breakdown")]
    [InlineData("window", "0", "'0' is not a window")]
    [InlineData("window", "-3", "'-3' is not a window")]
    [InlineData("window", "1.5", "'1.5' is not a window")]
    [InlineData("steps", "home,checkout", "Unknown page 'checkout'")]
    [InlineData("steps", "home", "got 1")]
    [InlineData("steps", "home,search,home,search,home,search,home,search,home", "got 9")]
    public void Bad_values_are_rejected_naming_the_parameter_and_value(string name, string value, string expected)
    {
        var result = Parse((name, value));
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Contains(expected, Assert.Single(result.Errors[name]));
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_rejected()
    {
        var result = Parse(("from", "2015-03-01"), ("to", "2015-02-01"));
        Assert.False(result.IsValid);
        Assert.Contains("before", result.Errors["to"][0]);
    }
}
