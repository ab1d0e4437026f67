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

    async Task ExportCsvAsync()
    {
        var csv = Csv.Write(Columns.Select(c => c.Title), view.SortedItems.Select(item => Columns.Select(c => c.Value(item))));
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
            await module.InvokeVoidAsync("downloadText", ExportFileName, csv, "text/csv;charset=utf-8");
            Toasts.Show($"Exported {Items.Count} rows to {ExportFileName}.", ToastLevel.Success);
        }
        catch (JSException e)
        {
            Toasts.Show($"Export failed: {e.Message}", ToastLevel.Error);
        }
    }
}
