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
    FunnelFilter filter = FunnelFilter.All;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        // The route's id (nothing on this page links to another user's page, so it does not change under it).
        string[] idErrors = UserId.TryParse(Id, out id, out var error) ? [] : [error!];
        filter = ReadQuery(FunnelQuery.ParseFilter(parameter), FunnelFilter.All, idErrors);
        Recompute();
    }

    protected override UserStoryView ComputeResult(IAnalyticsView view) => new(view.GetUserBehavior(id, filter));

    void Show(FunnelFilter next)
    {
        if (next != filter) NavigateToQuery(new FunnelQuery { Filter = next }.ToParameters());
    }
}
