using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// Date range, device and sex; raises <see cref="FilterChanged"/> with the new filter on every change. A date is
/// applied once it is a whole ISO date; other text stays in its box with an error, and changes nothing.
/// </summary>
public partial class FilterBar
{
    [Parameter, EditorRequired] public FunnelFilter Filter { get; set; } = FunnelFilter.All;
    [Parameter] public EventCallback<FunnelFilter> FilterChanged { get; set; }
    /// <summary>Bounds the date pickers to the data.</summary>
    [Parameter] public DateRange? DataRange { get; set; }
    /// <summary>More controls of the page, laid out with the filters.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>What a date box holds while it is not (yet) the filter's date: the typed text and why it is not used.</summary>
    record struct DateEntry(string? Text, string? Error);

    DateEntry fromEntry, toEntry;
    FunnelFilter? shown;

    protected override void OnParametersSet()
    {
        // A new filter from outside (a link, back/forward) replaces whatever was typed.
        if (Filter != shown) (fromEntry, toEntry) = (default, default);
        shown = Filter;
    }

    string DatesHint => DataRange is { } range
        ? $"Dates as yyyy-mm-dd; the data runs from {Formats.Date(range.From)} to {Formats.Date(range.To)}."
        : "Dates as yyyy-mm-dd.";

    static string? DateText(DateOnly? date) => date is { } d ? Formats.Date(d) : null;

    Task SetFrom(object? value) => SetDate(value as string, ref fromEntry, "From", date => Filter with { From = date });

    Task SetTo(object? value) => SetDate(value as string, ref toEntry, "To", date => Filter with { To = date });

    Task SetDate(string? text, ref DateEntry entry, string label, Func<DateOnly?, FunnelFilter> apply)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            entry = default;
            return Raise(apply(null));
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            entry = new(text, $"{label}: '{text}' is not a date; write it as yyyy-mm-dd, e.g. 2015-02-01.");
            return Task.CompletedTask;
        }
        var filter = apply(date);
        if (filter.From > filter.To)
        {
            entry = new(text, $"{label}: {text} would put From after To.");
            return Task.CompletedTask;
        }
        entry = default;
        return Raise(filter);
    }

    Task SetDevice(object? value) => Raise(Filter with { Device = Names.TryParseDevice(value as string, out var device) ? device : null });

    Task SetSex(object? value) => Raise(Filter with { Sex = Names.TryParseSex(value as string, out var sex) ? sex : null });

    Task Raise(FunnelFilter filter) => filter == Filter ? Task.CompletedTask : FilterChanged.InvokeAsync(filter);
}
