namespace FunnelDashboard.Web.Security;

/// <summary>Where a sign-in may send the browser back to: only a path of this app, never another site ("//evil", "/\evil", "https://…").</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is ['/', ..] && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl) ? url : "/";
}
