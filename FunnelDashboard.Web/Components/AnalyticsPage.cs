using FunnelDashboard.Core.Analytics;
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
    readonly List<Action> unfollow = [];

    /// <summary>What is wrong with the link's view parameters, each message naming its parameter; null when nothing is.</summary>
    protected IReadOnlyList<string>? QueryErrors { get; private set; }

    /// <summary>Reads the view from the query parameters; called on the renderer's thread before rendering.</summary>
    protected abstract void OnQueryChanged(Func<string, string?> parameter);

    /// <summary>
    /// The view a parser read from the link, or <paramref name="fallback"/> when the link is invalid; its errors and
    /// <paramref name="moreErrors"/> become <see cref="QueryErrors"/>.
    /// </summary>
    protected T ReadQuery<T>(QueryParseResult<T> parsed, T fallback, params IEnumerable<string> moreErrors) where T : class
    {
        SetQueryErrors(parsed.Errors.SelectMany(e => e.Value).Concat(moreErrors));
        return parsed.Value ?? fallback;
    }

    /// <summary>Sets <see cref="QueryErrors"/> from what a page's own reading of the link found wrong.</summary>
    protected void SetQueryErrors(IEnumerable<string> errors)
    {
        var list = errors.ToList();
        QueryErrors = list.Count > 0 ? list : null;
    }

    /// <summary>A choice's name in the link, as the API spells it: lower case.</summary>
    protected static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    protected override void OnInitialized()
    {
        base.OnInitialized();
        path = PathOf(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
        ReadUrl();
    }

    /// <summary>
    /// Runs <paramref name="onChanged"/>, then renders, on the renderer's thread each time a service raises its change
    /// event (subscribed with <paramref name="add"/>), until the page is disposed.
    /// </summary>
    protected void Follow(Action<Action> add, Action<Action> remove, Action onChanged)
    {
        void Changed() => _ = InvokeAsync(() =>
        {
            onChanged();
            StateHasChanged();
        });
        add(Changed);
        unfollow.Add(() => remove(Changed));
    }

    /// <summary>Shows the view with these query parameters (a null value removes one) as a new history entry.</summary>
    protected void NavigateToQuery(IReadOnlyDictionary<string, string?> parameters) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters.ToDictionary(p => p.Key, p => (object?)p.Value)));

    void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (PathOf(e.Location) != path) return; // leaving the page: it is about to be disposed
        ReadUrl();
        StateHasChanged();
    }

    void ReadUrl()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        OnQueryChanged(name => query.TryGetValue(name, out var values) ? values.ToString() : null);
    }

    string PathOf(string uri) => Navigation.ToBaseRelativePath(uri).Split('?', '#')[0];

    public override void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        unfollow.ForEach(remove => remove());
        base.Dispose();
    }
}
