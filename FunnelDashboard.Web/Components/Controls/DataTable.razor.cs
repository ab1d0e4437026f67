using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Rows with sortable columns, paging and CSV export of all rows (in the current sort order).</summary>
public partial class DataTable<TItem>
{
    [Inject] IJSRuntime JS { get; set; } = default!;
    [Inject] ToastService Toasts { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyList<TItem> Items { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<DataColumn<TItem>> Columns { get; set; } = [];
    [Parameter] public int PageSize { get; set; } = 10;
    [Parameter] public string? Caption { get; set; }
    /// <summary>The file name of the CSV export; null hides the export button.</summary>
    [Parameter] public string? ExportFileName { get; set; }
    [Parameter] public string EmptyMessage { get; set; } = "No rows to show";

    readonly DataTableView<TItem> view = new();

    protected override void OnParametersSet()
    {
        (view.Items, view.Columns, view.PageSize) = (Items, Columns, PageSize);
        view.KeepPageInRange();
    }

    Task ExportCsvAsync() =>
        Downloads.SaveTextAsync(JS, Toasts, ExportFileName!, ToCsv(Columns, view.SortedItems), "text/csv;charset=utf-8", $"{Items.Count} rows");

    /// <summary>The rows as the page shows them, plus the raw value of each column that has a raw title.</summary>
    public static string ToCsv(IReadOnlyList<DataColumn<TItem>> columns, IEnumerable<TItem> items) => Csv.Write(
        columns.SelectMany(c => c.RawTitle is null ? new[] { c.Title } : [c.Title, c.RawTitle]),
        items.Select(item => columns.SelectMany(c => c.RawTitle is null ? new object?[] { c.Text(item) } : [c.Text(item), c.Value(item)])));
}
