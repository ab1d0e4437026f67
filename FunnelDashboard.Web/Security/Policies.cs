namespace FunnelDashboard.Web.Security;

/// <summary>The authorization policies, by name (endpoints: <c>.RequireAuthorization(Policies.Admin)</c>; pages: <c>[Authorize(Policy = ...)]</c>).</summary>
public static class Policies
{
    /// <summary>API keys only, role capture or admin: may post events.</summary>
    public const string Capture = "capture";

    /// <summary>An admin person (signed in, password changed) or an admin API key.</summary>
    public const string Admin = "admin";

    /// <summary>The dashboards: anyone, unless Auth:RequireSignInForDashboards asks for a signed-in person or an API key.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>A signed-in person, e.g. to change their own password.</summary>
    public const string Person = "person";
}
