namespace FunnelDashboard.Web.Security;

/// <summary>What a person may do: an admin administers (users, keys, refresh, jobs); an analyst reads the dashboards.</summary>
public static class UserRoles
{
    public const string Admin = "admin", Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst];
}
