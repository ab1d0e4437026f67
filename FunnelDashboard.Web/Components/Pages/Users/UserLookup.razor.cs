using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Users;

/// <summary>Looks a user up by id: says what is wrong with a typed id, or that the data has no such user, else opens the user's page.</summary>
public sealed partial class UserLookup
{
    string? text;
    string? error;

    // The lookup takes no view state from the URL: it only leads to a user's page.
    protected override void OnQueryChanged(Func<string, string?> parameter) { }

    void LookUp()
    {
        if (!UserId.TryParse(text, out var id, out error)) return;
        if (View.GetUserBehavior(id, FunnelFilter.All) is null)
        {
            error = UserId.Unknown(id);
            return;
        }
        Navigation.NavigateTo($"users/{id}");
    }
}
