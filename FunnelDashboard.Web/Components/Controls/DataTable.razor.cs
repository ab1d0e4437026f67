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

    int? sortColumn;
    bool sortDescending;
    int pageIndex;

    int PageCount => Math.Max(1, (Items.Count + PageSize - 1) / PageSize);

    IEnumerable<TItem> SortedItems
    {
        get
        {
            if (sortColumn is not { } index) return Items;
            var value = Columns[index].Value;
            return sortDescending
                ? Items.OrderByDescending(value, Comparer<object?>.Default)
                : Items.OrderBy(value, Comparer<object?>.Default);
        }
    }

    IEnumerable<TItem> PageItems => SortedItems.Skip(pageIndex * PageSize).Take(PageSize);

    string RangeText => Items.Count <= PageSize
        ? $"{Items.Count} rows"
        : $"{pageIndex * PageSize + 1}–{Math.Min((pageIndex + 1) * PageSize, Items.Count)} of {Items.Count} rows";

    // Items may shrink under a live update; stay on a page that exists.
    protected override void OnParametersSet() => pageIndex = Math.Min(pageIndex, PageCount - 1);

    void SortBy(int index)
    {
        sortDescending = sortColumn == index && !sortDescending;
        sortColumn = index;
        pageIndex = 0;
    }

    void GoTo(int page) => pageIndex = Math.Clamp(page, 0, PageCount - 1);

    string AriaSort(int index) => sortColumn != index ? "none" : sortDescending ? "descending" : "ascending";

    string SortIndicator(int index) => sortColumn != index ? "" : sortDescending ? " ▼" : " ▲";

    async Task ExportCsvAsync()
    {
        var csv = Csv.Write(Columns.Select(c => c.Title), SortedItems.Select(item => Columns.Select(c => c.Value(item))));
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/download.js");
            await module.InvokeVoidAsync("downloadText", ExportFileName, csv, "text/csv;charset=utf-8");
            Toasts.Show($"Exported {Items.Count} rows to {ExportFileName}.");
        }
        catch (JSException e)
        {
            Toasts.Show($"Export failed: {e.Message}", ToastLevel.Error);
        }
    }
}
