using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// The bar every page is held to: axe-core finds nothing in either theme, with the chart tables hidden and shown;
/// nothing scrolls sideways on a phone; the charts' controls work from the keyboard.
/// </summary>
public sealed class AccessibilityTests(FakeDashboardAppFixture app) : IClassFixture<FakeDashboardAppFixture>
{
    /// <summary>Every page, in the states that change what is on it (a page another helper adds belongs here too).</summary>
    public static readonly TheoryData<string> Pages = new()
    {
        "",
        "funnel",
        "funnel?device=Mobile&from=2015-02-01&to=2015-03-31&breakdown=device",
        "forecast",
        "admin",
        "no-such-page",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Axe_finds_no_violation_in_either_theme_with_tables_hidden_or_shown(string path)
    {
        foreach (var theme in new[] { "light", "dark" })
        {
            await using var page = await app.OpenAsync(theme: theme);
            await page.GoToAsync(path);
            await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", theme);
            var charts = await page.AllChartsDrawnAsync();
            await AssertNoViolationsAsync(page, $"{path} {theme}, tables hidden");

            if (charts.Count == 0) continue;
            foreach (var chart in charts) await page.ChartTableAsync(chart);
            await AssertNoViolationsAsync(page, $"{path} {theme}, tables shown");
            Assert.Empty(page.ConsoleErrors);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Nothing_scrolls_sideways_on_a_phone(string path)
    {
        await using var page = await app.OpenAsync(width: 390, height: 844);
        await page.GoToAsync(path);
        foreach (var chart in await page.AllChartsDrawnAsync()) await page.ChartTableAsync(chart);
        var width = await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{path}: the page is {width} px wide on a 390 px screen");
        await page.ScreenshotAsync($"phone-{(path.Length == 0 ? "overview" : path.Split('?')[0])}");
    }

    [Fact]
    public async Task Each_chart_control_has_its_own_name_and_each_chart_states_its_finding()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("");
        var charts = await page.AllChartsDrawnAsync();
        var switchNames = new List<string>();
        foreach (var name in charts)
        {
            var chart = page.Page.Locator($"[data-chart='{name}']");
            switchNames.Add(await chart.GetByRole(AriaRole.Switch).GetAttributeAsync("id") is { } id
                ? await page.Page.Locator($"label[for='{id}']").InnerTextAsync() : "");
            var image = chart.Locator(".fd-chart-canvas[role=img]");
            var described = await image.GetAttributeAsync("aria-describedby");
            Assert.NotNull(described);
            Assert.Matches(@"\d", await page.Page.Locator($"#{described}").InnerTextAsync()); // a finding has numbers
        }
        Assert.Equal(charts.Count, switchNames.Distinct().Count());
    }

    [Fact]
    public async Task The_keyboard_saves_a_chart_as_csv_and_png_named_after_the_chart_and_its_filters()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("?device=Mobile&from=2015-02-01&to=2015-03-31");
        await page.ChartAsync("funnel");

        var csvButton = page.Page.GetByRole(AriaRole.Button, new() { Name = "Download Users reaching each step of the funnel as CSV" });
        await csvButton.FocusAsync();
        var csv = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Keyboard.PressAsync("Enter"));
        Assert.Equal("funnel_mobile_2015-02-01_2015-03-31.csv", csv.SuggestedFilename);
        var lines = File.ReadAllLines(await csv.PathAsync());
        Assert.Equal("Step,Users,Users (users)", lines[0]);
        var home = app.Analytics.Current.GetFunnel(new() { Filter = new(new DateOnly(2015, 2, 1), new DateOnly(2015, 3, 31), FunnelDashboard.Core.Domain.Device.Mobile) }).Steps[0].Users;
        Assert.Equal($"home,\"{home:N0}\",{home}", lines[1]);

        var pngButton = page.Page.GetByRole(AriaRole.Button, new() { Name = "Download Users reaching each step of the funnel as PNG" });
        await pngButton.FocusAsync();
        var png = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.Keyboard.PressAsync("Enter"));
        Assert.Equal("funnel_mobile_2015-02-01_2015-03-31.png", png.SuggestedFilename);
        var bytes = File.ReadAllBytes(await png.PathAsync());
        // The IHDR chunk: a 960 px wide drawing at twice the size.
        Assert.Equal(1920, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Typing_a_date_changes_the_view_once_when_it_is_complete()
    {
        await using var page = await app.OpenAsync();
        await page.GoToAsync("funnel");
        var before = await page.Page.EvaluateAsync<int>("history.length");

        var from = page.Page.Locator("#filter-from");
        await from.PressSequentiallyAsync("2015-02-01");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/funnel$")); // nothing yet
        await from.PressAsync("Enter");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/funnel\?from=2015-02-01$"));
        Assert.Equal(before + 1, await page.Page.EvaluateAsync<int>("history.length"));
        await Expect(from).ToHaveValueAsync("2015-02-01");

        await from.FillAsync("2015-02-30");
        await from.PressAsync("Enter");
        await Expect(page.Page.Locator("#filter-dates-hint")).ToContainTextAsync("'2015-02-30' is not a date");
        await Expect(from).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/funnel\?from=2015-02-01$"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_a_page_that_leads_back()
    {
        await using var page = await app.OpenAsync();
        var response = await page.Page.GotoAsync("no-such-page");
        Assert.Equal(404, response!.Status);
        await page.WaitUntilInteractiveAsync();
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Page not found");
        await page.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Funnel" }).ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/funnel$"));
        await page.ChartAsync("funnel-users");
    }

    [Fact]
    public async Task On_a_phone_the_drawer_closes_on_escape_and_on_a_tap_outside()
    {
        await using var page = await app.OpenAsync(width: 390, height: 844);
        await page.GoToAsync("");
        var toggle = page.Page.GetByRole(AriaRole.Button, new() { Name = "Navigation" });
        var nav = page.Page.Locator("#fd-nav");

        await toggle.ClickAsync();
        await Expect(nav).ToBeVisibleAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(nav).ToBeHiddenAsync();

        await toggle.ClickAsync();
        await Expect(nav).ToBeVisibleAsync();
        await page.Page.Mouse.ClickAsync(200, 800);
        await Expect(nav).ToBeHiddenAsync();
    }

    internal static async Task AssertNoViolationsAsync(DashboardPage page, string what)
    {
        var result = await page.Page.RunAxe();
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
        Assert.True(result.Violations.Length == 0, $"{what}:\n{string.Join("\n", violations)}");
    }
}
