using FunnelDashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace FunnelDashboard.Web.Components;

/// <summary>
/// A page whose view state is its URL's query string: it reads the query on arrival and on every navigation that
/// stays on the page (a control's change, back/forward), and changes the view only by navigating. So a link or a
/// reload always shows the same view. (Blazor does not re-set parameters of a page when only its query changes.)
/// Every such page is a dashboard: open to all unless Auth:RequireSignInForDashboards closes it (the policy is inherited).
/// </summary>
[Authorize(Policy = Policies.Dashboard)]
public abstract class AnalyticsPage : AnalyticsComponent
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    string path = "";

    /// <summary>Reads the view from the query parameters; called on the renderer's thread before rendering.</summary>
    protected abstract void OnQueryChanged(Func<string, string?> parameter);

    protected override void OnInitialized()
    {
        base.OnInitialized();
        path = PathOf(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
        ReadQuery();
    }

    /// <summary>Shows the view with these query parameters (a null value removes one) as a new history entry.</summary>
    protected void NavigateToQuery(IReadOnlyDictionary<string, string?> parameters) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters.ToDictionary(p => p.Key, p => (object?)p.Value)));

    void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (PathOf(e.Location) != path) return; // leaving the page: it is about to be disposed
        ReadQuery();
        StateHasChanged();
    }

    void ReadQuery()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        OnQueryChanged(name => query.TryGetValue(name, out var values) ? values.ToString() : null);
    }

    string PathOf(string uri) => Navigation.ToBaseRelativePath(uri).Split('?', '#')[0];

    public override void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        base.Dispose();
    }
}
