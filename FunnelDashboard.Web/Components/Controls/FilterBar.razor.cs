using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Date range, device and sex; raises <see cref="FilterChanged"/> with the new filter on every change.</summary>
public partial class FilterBar
{
    [Parameter, EditorRequired] public FunnelFilter Filter { get; set; } = FunnelFilter.All;
    [Parameter] public EventCallback<FunnelFilter> FilterChanged { get; set; }
    /// <summary>Bounds the date pickers to the data.</summary>
    [Parameter] public DateRange? DataRange { get; set; }
    /// <summary>More controls of the page, laid out with the filters.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    static string? DateText(DateOnly? date) => date is { } d ? Formats.Date(d) : null;

    static DateOnly? ParseDate(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    Task SetFrom(object? value) => Raise(Filter with { From = ParseDate(value) });

    Task SetTo(object? value) => Raise(Filter with { To = ParseDate(value) });

    Task SetDevice(object? value) => Raise(Filter with { Device = Names.TryParseDevice(value as string, out var device) ? device : null });

    Task SetSex(object? value) => Raise(Filter with { Sex = Names.TryParseSex(value as string, out var sex) ? sex : null });

    Task Raise(FunnelFilter filter) => filter == Filter ? Task.CompletedTask : FilterChanged.InvokeAsync(filter);
}
