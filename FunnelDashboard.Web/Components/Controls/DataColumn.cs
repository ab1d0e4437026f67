namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// A column of a <see cref="DataTable{TItem}"/>: <paramref name="Value"/> sorts, <paramref name="Format"/> is what
/// people read (and what the CSV export writes). A column with a <paramref name="RawTitle"/> also exports its raw,
/// invariant value under that title (e.g. "From start (ratio)" next to "50.2%"), for a spreadsheet to compute with.
/// </summary>
public sealed record DataColumn<TItem>(string Title, Func<TItem, object?> Value, Func<TItem, string>? Format = null, bool Numeric = false, string? RawTitle = null)
{
    public string Text(TItem item) => Format?.Invoke(item) ?? Value(item)?.ToString() ?? "";
}
