using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Its content when the link's view parameters are valid; otherwise what is wrong with them, and a link to a good view.</summary>
public partial class ValidLink
{
    /// <summary>The link's errors (the page's QueryErrors); null when it is valid.</summary>
    [Parameter] public IReadOnlyList<string>? Errors { get; set; }

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public string FixHref { get; set; } = "";
    [Parameter, EditorRequired] public string FixText { get; set; } = "";
    [Parameter] public RenderFragment? ChildContent { get; set; }
}
