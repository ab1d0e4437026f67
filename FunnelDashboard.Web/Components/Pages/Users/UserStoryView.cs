using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Users;

/// <summary>What a user's page shows for one view: the user's story, or null when the data has no such user.</summary>
public sealed record UserStoryView(UserBehavior? Story);
