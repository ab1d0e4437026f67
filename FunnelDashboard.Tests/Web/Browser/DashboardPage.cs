using Microsoft.Playwright;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>One browser page on the dashboard: navigation that waits for the circuit, screenshots, console errors.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    readonly IBrowserContext context;
    readonly List<string> consoleErrors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add($"{message.Text} ({message.Location})"); };
        page.PageError += (_, error) => consoleErrors.Add(error);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => consoleErrors;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>Opens a path and waits until the circuit is interactive (prerendered controls do nothing before).</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
    }

    public async Task GoBackAsync()
    {
        await Page.GoBackAsync();
        await WaitUntilInteractiveAsync();
    }

    public Task WaitUntilInteractiveAsync() =>
        Page.Locator(".fd-shell[data-interactive=true]").WaitForAsync();

    /// <summary>Fills and sends the sign-in form of the open /login page, as a person does (<see cref="DashboardAppFixture.AddUserAsync"/> makes the user).</summary>
    public async Task SignInAsync(string name, string password = DashboardAppFixture.UserPassword)
    {
        await Page.GetByLabel("User name").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The chart named <paramref name="name"/> once ApexCharts has drawn it.</summary>
    public async Task<ILocator> ChartAsync(string name)
    {
        var chart = Page.Locator($"[data-chart='{name}']");
        await chart.ScrollIntoViewIfNeededAsync(); // charts draw when they come near the screen
        await chart.Locator("svg.apexcharts-svg").WaitForAsync();
        return chart;
    }

    /// <summary>The names of the page's charts, once each has been drawn.</summary>
    public async Task<IReadOnlyList<string>> AllChartsDrawnAsync()
    {
        var names = new List<string>();
        foreach (var chart in await Page.Locator("[data-chart]").AllAsync())
        {
            names.Add((await chart.GetAttributeAsync("data-chart"))!);
            await chart.ScrollIntoViewIfNeededAsync(); // charts draw when they come near the screen
            await chart.Locator("svg.apexcharts-svg").WaitForAsync();
        }
        return names;
    }

    /// <summary>Switches a chart to its table and reads it: the category and the values of each row.</summary>
    public async Task<IReadOnlyList<string[]>> ChartTableAsync(string name)
    {
        var chart = await ChartAsync(name);
        var table = chart.Locator($"table[data-chart-table='{name}']");
        if (!await table.IsVisibleAsync()) await chart.GetByRole(AriaRole.Switch).CheckAsync();
        // The table arrives with the server's next render, a round trip after the click: reading at once can find none.
        await table.WaitForAsync();
        return await ReadRowsAsync(table);
    }

    /// <summary>The text of every body row's cells (th and td), in order.</summary>
    public static async Task<IReadOnlyList<string[]>> ReadRowsAsync(ILocator table)
    {
        var rows = new List<string[]>();
        foreach (var row in await table.Locator("tbody tr").AllAsync())
            rows.Add((await row.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        return rows;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await context.CloseAsync();
    }
}
