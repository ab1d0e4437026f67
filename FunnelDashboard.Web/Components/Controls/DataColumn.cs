namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// A column of a <see cref="DataTable{TItem}"/>: <paramref name="Value"/> sorts and exports (raw, invariant),
/// <paramref name="Format"/> is what people read.
/// </summary>
public sealed record DataColumn<TItem>(string Title, Func<TItem, object?> Value, Func<TItem, string>? Format = null, bool Numeric = false)
{
    public string Text(TItem item) => Format?.Invoke(item) ?? Value(item)?.ToString() ?? "";
}
