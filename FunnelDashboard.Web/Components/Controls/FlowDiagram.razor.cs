using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// A Sankey-style flow diagram (<see cref="FlowLayout"/>) drawn as SVG by the server, behind the same contract as
/// <see cref="ApexChart"/>: a switch shows its links as a table, buttons save it as PNG or SVG (light, on white,
/// titled with the view; wwwroot/js/svg-export.js) or its links as CSV, and its finding is its text alternative.
/// </summary>
public sealed partial class FlowDiagram
{
    static readonly string[] Palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#d63384", "#198754"];

    [Inject] IJSRuntime JS { get; set; } = default!;
    [Inject] ToastService Toasts { get; set; } = default!;

    /// <summary>Names the diagram in the page (data-diagram) for tests and styling.</summary>
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    /// <summary>What the diagram shows, in words: its accessible name and its table's caption.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<FlowLink> Links { get; set; } = [];
    /// <summary>How the nodes of a column follow each other, top to bottom.</summary>
    [Parameter] public IComparer<string> Order { get; set; } = StringComparer.Ordinal;
    /// <summary>The fixed colour of some nodes (and the bands leaving them); the others take the palette's in order of appearance.</summary>
    [Parameter] public IReadOnlyDictionary<string, string> Colors { get; set; } = new Dictionary<string, string>();
    /// <summary>What a column is, for the table ("Step": a link from column 0 reads "1 → 2").</summary>
    [Parameter] public string ColumnTitle { get; set; } = "Column";
    [Parameter] public string ValueTitle { get; set; } = "Users";
    [Parameter] public int Height { get; set; } = 360;
    /// <summary>What the diagram shows, in one sentence: read out with it and shown under it.</summary>
    [Parameter] public string? Finding { get; set; }
    /// <summary>The filters behind the data: subtitle and file name of the exports.</summary>
    [Parameter] public ViewLabel View { get; set; } = new();

    const double DrawingWidth = 960;
    readonly string id = $"diagram-{Guid.NewGuid():N}";
    ElementReference drawing;
    FlowLayout layout = FlowLayout.Of([], StringComparer.Ordinal);
    int lastColumn;
    Dictionary<string, string> colors = [];
    bool showTable;

    protected override void OnParametersSet()
    {
        layout = FlowLayout.Of(Links, Order, DrawingWidth, Height);
        lastColumn = layout.Nodes.Count == 0 ? 0 : layout.Nodes.Max(n => n.Column);
        colors = new Dictionary<string, string>(Colors);
        foreach (var label in layout.Nodes.Select(n => n.Label).Distinct().Where(l => !Colors.ContainsKey(l)))
            colors[label] = Palette[(colors.Count - Colors.Count) % Palette.Length];
    }

    // Room above and below for the labels of the first and last node of a column.
    string ViewBox => FormattableString.Invariant($"-2 -10 {DrawingWidth + 4} {Height + 20}");

    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    string ColorOf(string label) => colors[label];

    static string ColumnText(FlowLink link) => FormattableString.Invariant($"{link.Column + 1} → {link.Column + 2}");

    string LinkText(FlowLink link) => $"{link.From} → {link.To} ({ColumnTitle.ToLowerInvariant()} {ColumnText(link)}): {Formats.Count(link.Value)} {ValueTitle.ToLowerInvariant()}";

    /// <summary>A node's name and value beside it (inside the drawing: left of the last column's nodes). Built in code: Razor reserves &lt;text&gt;.</summary>
    RenderFragment Label(FlowNode node) => builder =>
    {
        var last = node.Column == lastColumn;
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", Number(last ? node.X - 4 : node.X + FlowLayout.NodeWidth + 4));
        builder.AddAttribute(2, "y", Number(node.Y + node.Height / 2));
        builder.AddAttribute(3, "dominant-baseline", "middle");
        builder.AddAttribute(4, "text-anchor", last ? "end" : "start");
        builder.AddAttribute(5, "font-size", "12");
        builder.AddAttribute(6, "fill", "currentColor");
        builder.AddContent(7, $"{node.Label} {Formats.Count(node.Value)}");
        builder.CloseElement();
    };

    void ToggleTable() => showTable = !showTable;

    /// <summary>The table's rows, each value as the page shows it and raw.</summary>
    public string ToCsv() => Csv.Write([ColumnTitle, "From", "To", ValueTitle, $"{ValueTitle} (raw)"],
        Links.Select(l => new object?[] { ColumnText(l), l.From, l.To, Formats.Count(l.Value), l.Value }));

    Task ExportCsvAsync() =>
        Downloads.SaveTextAsync(JS, Toasts, View.FileName(Name) + ".csv", ToCsv(), "text/csv;charset=utf-8", Title);

    async Task ExportImageAsync(string format)
    {
        var fileName = $"{View.FileName(Name)}.{format}";
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/svg-export.js");
            await module.InvokeVoidAsync("exportSvg", drawing, format, Title, View.Text, fileName);
            Toasts.Show($"Saved {Title} as {fileName}.", ToastLevel.Success);
        }
        catch (JSException e)
        {
            Toasts.Show($"Export failed: {e.Message}", ToastLevel.Error);
        }
        catch (JSDisconnectedException) { }
    }
}
