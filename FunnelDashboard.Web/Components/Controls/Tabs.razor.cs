using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>A tab strip over its <see cref="Tab"/> children; only the active tab's content renders.</summary>
public partial class Tabs
{
    readonly List<Tab> tabs = [];

    [Parameter] public RenderFragment? ChildContent { get; set; }

    public Tab? Active { get; private set; }

    internal void Add(Tab tab)
    {
        tabs.Add(tab);
        if (Active is null) Select(tab);
    }

    internal void Remove(Tab tab)
    {
        tabs.Remove(tab);
        if (Active == tab) Select(tabs.FirstOrDefault());
    }

    void Select(Tab? tab)
    {
        Active = tab;
        StateHasChanged();
    }
}
