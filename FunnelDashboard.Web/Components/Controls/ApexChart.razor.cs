using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// The one chart component: an ApexCharts instance driven over JS interop (wwwroot/js/apex-chart.js). New series are
/// applied in place with <c>updateSeries</c> (no re-creation, no flicker), new options with <c>updateOptions</c>; the
/// chart follows its container's size and the theme, and is destroyed with the component. A switch shows the same
/// numbers as a table; buttons save the chart as PNG or SVG (light, on white, titled with the view) or its numbers
/// as CSV, in files named after the chart and the view.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    // An absent option takes ApexCharts' default; an explicit null would not.
    static readonly JsonSerializerOptions OptionsJson = new(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Inject] IJSRuntime JS { get; set; } = default!;
    [Inject] ToastService Toasts { get; set; } = default!;

    /// <summary>Names the chart in the page (data-chart) for tests and styling.</summary>
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    /// <summary>What the chart shows, in words: its accessible name and its table's caption.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    /// <summary>ApexCharts options without <c>series</c> (anonymous objects serialize as they read).</summary>
    [Parameter, EditorRequired] public object Options { get; set; } = new();
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];
    [Parameter] public int Height { get; set; } = 300;
    [Parameter] public string CategoryTitle { get; set; } = "";
    /// <summary>How the table writes a value; counts by default.</summary>
    [Parameter] public Func<double, string> Format { get; set; } = value => Formats.Count(value);
    /// <summary>The unit of the raw values, for the CSV's raw columns ("Mobile (%)").</summary>
    [Parameter] public string Unit { get; set; } = "users";
    /// <summary>What the chart shows, in one sentence: read out with the chart and shown under it.</summary>
    [Parameter] public string? Finding { get; set; }
    /// <summary>The points' X are numbers (a scatter on a numeric axis): sent as numbers, not as category names.</summary>
    [Parameter] public bool NumericX { get; set; }
    /// <summary>The filters behind the data: subtitle and file name of the exports.</summary>
    [Parameter] public ViewLabel View { get; set; } = new();

    readonly string id = $"chart-{Guid.NewGuid():N}";
    ElementReference element;
    IJSObjectReference? module;
    IJSObjectReference? chart;
    Task? creating;
    string? renderedOptions;
    string? renderedSeries;
    bool showTable;
    string? error;

    IEnumerable<string> Categories => Series.SelectMany(s => s.Points).Select(p => p.X).Distinct();

    /// <summary>A range series (a band) has two raw values per point, its low and its high.</summary>
    static bool IsRange(ChartSeries series) => series.Points.Any(p => p.Low is not null);

    /// <summary>A point as the page shows it: its value, or a range's "low – high".</summary>
    string ValueText(ChartSeries series, string category) => series.Points.FirstOrDefault(p => p.X == category) switch
    {
        { Low: { } low, Y: { } high } => $"{Format(low)} – {Format(high)}",
        { Y: { } value } => Format(value),
        _ => "—",
    };

    /// <summary>The table's numbers as the page shows them, each followed by its raw value (a band's low and high).</summary>
    public string ToCsv() => Csv.Write(
        Series.SelectMany(s => IsRange(s) ? new[] { s.Name, $"{s.Name} low ({Unit})", $"{s.Name} high ({Unit})" } : [s.Name, $"{s.Name} ({Unit})"])
            .Prepend(CategoryTitle),
        Categories.Select(category => Series
            .SelectMany(s =>
            {
                var point = s.Points.FirstOrDefault(p => p.X == category);
                var text = point?.Y is null ? null : ValueText(s, category);
                return IsRange(s) ? new object?[] { text, point?.Low, point?.Y } : [text, point?.Y];
            })
            .Prepend(category)));

    Task ExportCsvAsync() =>
        Downloads.SaveTextAsync(JS, Toasts, View.FileName(Name) + ".csv", ToCsv(), "text/csv;charset=utf-8", Title);

    async Task ExportImageAsync(string format)
    {
        if (chart is null) return;
        var fileName = $"{View.FileName(Name)}.{format}";
        try
        {
            await chart.InvokeVoidAsync("exportImage", format, Title, View.Text, fileName);
            Toasts.Show($"Saved {Title} as {fileName}.", ToastLevel.Success);
        }
        catch (JSException e)
        {
            Toasts.Show($"Export failed: {e.Message}", ToastLevel.Error);
        }
        catch (JSDisconnectedException) { }
    }

    void ToggleTable() => showTable = !showTable;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) creating = CreateAsync();
        if (creating is not null) await creating;
        if (chart is null) return;

        var options = JsonSerializer.Serialize(Options, OptionsJson);
        var series = SeriesJson();
        try
        {
            if (options != renderedOptions)
                await chart.InvokeVoidAsync("updateOptions", Raw(options), Raw(series), Height);
            else if (series != renderedSeries)
                await chart.InvokeVoidAsync("updateSeries", Raw(series));
            (renderedOptions, renderedSeries) = (options, series);
        }
        catch (JSDisconnectedException) { } // the circuit is gone; nothing to update
    }

    async Task CreateAsync()
    {
        var options = JsonSerializer.Serialize(Options, OptionsJson);
        var series = SeriesJson();
        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/apex-chart.js");
            chart = await module.InvokeAsync<IJSObjectReference>("create", element, Raw(options), Raw(series), Height);
            (renderedOptions, renderedSeries) = (options, series);
            StateHasChanged(); // the image exports work from now on
        }
        catch (JSException e)
        {
            error = e.Message;
            StateHasChanged();
        }
        catch (JSDisconnectedException) { }
    }

    string SeriesJson() => JsonSerializer.Serialize(Series.Select(s => SeriesObject(s, NumericX)), Json);

    /// <summary>A series as ApexCharts reads it: a type only when it has one of its own, a range point's y as [low, high].</summary>
    static Dictionary<string, object?> SeriesObject(ChartSeries series, bool numericX)
    {
        var data = series.Points.Select(p => new
        {
            x = numericX && double.TryParse(p.X, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : (object)p.X,
            y = p.Low is { } low ? new double?[] { low, p.Y } : (object?)p.Y,
        });
        var json = new Dictionary<string, object?> { ["name"] = series.Name, ["data"] = data };
        if (series.Type is { } type) json["type"] = type;
        return json;
    }

    static JsonElement Raw(string json) => JsonDocument.Parse(json).RootElement;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (creating is not null) await creating;
            if (chart is not null)
            {
                await chart.InvokeVoidAsync("dispose");
                await chart.DisposeAsync();
            }
            if (module is not null) await module.DisposeAsync();
        }
        catch (JSDisconnectedException) { } // the page is gone, and the chart with it
    }
}
