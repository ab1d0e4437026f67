namespace FunnelDashboard.Web.Components.Controls;

/// <summary>The sort and paging state of a <see cref="DataTable{TItem}"/>, apart from rendering so it can be tested alone.</summary>
public sealed class DataTableView<TItem>
{
    public IReadOnlyList<TItem> Items { get; set; } = [];
    public IReadOnlyList<DataColumn<TItem>> Columns { get; set; } = [];
    public int PageSize { get; set; } = 10;
    public int? SortColumn { get; private set; }
    public bool SortDescending { get; private set; }
    public int PageIndex { get; private set; }

    public int PageCount => Math.Max(1, (Items.Count + PageSize - 1) / PageSize);

    public IEnumerable<TItem> SortedItems
    {
        get
        {
            if (SortColumn is not { } index) return Items;
            var value = Columns[index].Value;
            return SortDescending
                ? Items.OrderByDescending(value, Comparer<object?>.Default)
                : Items.OrderBy(value, Comparer<object?>.Default);
        }
    }

    public IEnumerable<TItem> PageItems => SortedItems.Skip(PageIndex * PageSize).Take(PageSize);

    public string RangeText => Items.Count <= PageSize
        ? $"{Items.Count} rows"
        : $"{PageIndex * PageSize + 1}–{Math.Min((PageIndex + 1) * PageSize, Items.Count)} of {Items.Count} rows";

    /// <summary>Sorts by a column, ascending first; sorting by it again flips the order.</summary>
    public void SortBy(int column)
    {
        SortDescending = SortColumn == column && !SortDescending;
        SortColumn = column;
        PageIndex = 0;
    }

    public void GoTo(int page) => PageIndex = Math.Clamp(page, 0, PageCount - 1);

    /// <summary>Items may shrink under a live update; stay on a page that exists.</summary>
    public void KeepPageInRange() => GoTo(PageIndex);

    public string AriaSort(int column) => SortColumn != column ? "none" : SortDescending ? "descending" : "ascending";

    public string SortIndicator(int column) => SortColumn != column ? "" : SortDescending ? " ▼" : " ▲";
}
