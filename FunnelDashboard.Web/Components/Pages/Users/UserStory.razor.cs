using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Pages.Users;

/// <summary>
/// One user's story (<see cref="UserBehavior"/>): the user, the deepest step, their sentiment and the timeline of their
/// sessions. The id is the route's; the filter (from, to, device, sex) is the URL's query, in the API's grammar.
/// </summary>
public sealed partial class UserStory
{
    [Parameter] public string Id { get; set; } = "";

    long id;
    string? idError;
    FunnelFilter filter = FunnelFilter.All;
    IReadOnlyList<string>? queryErrors;
    UserBehavior? story;
    bool loaded;
    string? loadError;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = FunnelQuery.ParseFilter(parameter);
        queryErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        filter = parsed.Value ?? FunnelFilter.All;
        // The route's id (nothing on this page links to another user's page, so it does not change under it).
        idError = UserId.TryParse(Id, out id, out var error) ? null : error;
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (userId, currentFilter, invalid) = (id, filter, idError is not null || queryErrors is not null);
        if (invalid || view.DataRange is null) return () => (story, loaded, loadError) = (null, false, null);
        try
        {
            var computed = view.GetUserBehavior(userId, currentFilter);
            return () => (story, loaded, loadError) = (computed, true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (story, loaded, loadError) = (null, false, e.Message);
        }
    }

    void Show(FunnelFilter next)
    {
        if (next != filter) NavigateToQuery(new FunnelQuery { Filter = next }.ToParameters());
    }
}
