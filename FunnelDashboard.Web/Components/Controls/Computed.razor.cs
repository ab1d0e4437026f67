using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>
/// A page's computed result (<see cref="ResultPage{TResult}"/>): why it could not be computed, that it is being
/// computed, that it has nothing to show, or the result itself.
/// </summary>
public partial class Computed<T> where T : class
{
    [Parameter] public T? Value { get; set; }

    /// <summary>Why the value could not be computed; shown in its place.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>What is computed, for the error's title ("The {What} could not be computed").</summary>
    [Parameter, EditorRequired] public string What { get; set; } = "";

    /// <summary>Computes again; without it the error offers no button (a wall nobody touches retries by itself).</summary>
    [Parameter] public EventCallback Retry { get; set; }

    /// <summary>Whether a computed value has nothing to show; the empty state then says so.</summary>
    [Parameter] public Func<T, bool>? IsEmpty { get; set; }

    [Parameter] public string EmptyTitle { get; set; } = "Nothing to show";
    [Parameter] public string? EmptyMessage { get; set; }
    [Parameter] public RenderFragment? EmptyContent { get; set; }

    [Parameter, EditorRequired] public RenderFragment<T> ChildContent { get; set; } = default!;
}
