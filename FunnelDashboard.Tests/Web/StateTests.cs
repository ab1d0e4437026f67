using System.Text.RegularExpressions;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Tests.Web;

public class StateTests
{
    [Fact]
    public async Task Empty_state_shows_its_title_and_message_as_a_status()
    {
        var html = await ComponentRenderer.RenderAsync<EmptyState>(new Dictionary<string, object?>
        {
            [nameof(EmptyState.Title)] = "No users match these filters",
            [nameof(EmptyState.Message)] = "Widen the date range.",
        });
        Assert.Contains("role=\"status\"", html);
        Assert.Contains("No users match these filters", html);
        Assert.Contains("Widen the date range.", html);
    }

    [Fact]
    public async Task Error_state_is_an_alert_that_lists_every_detail()
    {
        var html = await ComponentRenderer.RenderAsync<ErrorState>(new Dictionary<string, object?>
        {
            [nameof(ErrorState.Title)] = "This link has invalid filters",
            [nameof(ErrorState.Details)] = new[] { "Unknown device 'tv'.", "'x' is not a date; use yyyy-MM-dd." },
        });
        Assert.Contains("role=\"alert\"", html);
        // Scoped CSS adds an attribute to each element: match the items by their text.
        Assert.Equal(["Unknown device 'tv'.", "'x' is not a date; use yyyy-MM-dd."],
            Regex.Matches(html, "<li[^>]*>(.*?)</li>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Loading_state_announces_its_message()
    {
        var html = await ComponentRenderer.RenderAsync<LoadingState>(new Dictionary<string, object?> { [nameof(LoadingState.Message)] = "Preparing data…" });
        Assert.Contains("aria-live=\"polite\"", html);
        Assert.Contains("Preparing data…", html);
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(42.0, "42 s")]
    [InlineData(150.0, "2.5 min")]
    [InlineData(7200.0, "2 h")]
    [InlineData(129600.0, "1.5 d")]
    public void Durations_read_in_the_largest_sensible_unit(double? seconds, string text)
    {
        Assert.Equal(text, Formats.Duration(seconds));
    }
}
